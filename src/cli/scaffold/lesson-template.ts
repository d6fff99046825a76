/** The MDX of a new lesson: frontmatter that validates, the sections every lesson has, and its exercise. */
export interface LessonTemplate {
  readonly title: string;
  readonly order: number;
  /** The primer sections the lesson covers, e.g. ['S1.4']. */
  readonly primer: readonly string[];
  /** The exercise the lesson embeds, if it has one yet. */
  readonly exercise?: string;
}

const yamlList = (items: readonly string[]): string => `[${items.map((item) => `'${item}'`).join(', ')}]`;

export function lessonSource({ title, order, primer, exercise }: LessonTemplate): string {
  const frontmatter = [
    '---',
    `title: ${JSON.stringify(title)}`,
    'description: One sentence on what the learner will be able to do; search results and the home page show it.',
    `order: ${order}`,
    `primer: ${yamlList(primer)}`,
    ...(exercise === undefined ? [] : [`exercises: ${yamlList([exercise])}`]),
    '---',
  ];
  const exerciseSection =
    exercise === undefined
      ? []
      : ['## Exercise', '', 'Tell the learner what they are about to build and why it matters here.', '', `<Exercise id="${exercise}" />`, ''];
  return [
    ...frontmatter,
    '',
    ...(exercise === undefined ? [] : ["import Exercise from '../src/components/Exercise.astro';", '']),
    '## Goals',
    '',
    'By the end of this lesson you can:',
    '',
    '- name the idea and say what problem it solves;',
    '- run it in the simulation and read what went wrong.',
    '',
    '## The idea',
    '',
    'Explain the idea in your own words, with a figure drawn from a real simulation run.',
    '',
    ...exerciseSection,
    '## Further reading',
    '',
    '- A source the learner can trust, with a line on why it is worth their time.',
    '',
  ].join('\n');
}
