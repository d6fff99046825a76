import { describe, expect, it } from 'vitest';
import { parseQuiz, type QuizQuestionsInput } from '../../../src/components/quiz/schema.ts';
import { inlineMarkdown } from '../../../src/components/quiz/inline-markdown.ts';

const valid: QuizQuestionsInput = [
  {
    question: 'During a partition, what does a CP register on the minority side do?',
    options: [
      { text: 'Refuses the request', correct: true, feedback: 'Refusing is how CP gives up availability.' },
      { text: 'Answers from its local copy', feedback: 'That is the AP choice: available, possibly stale.' },
    ],
  },
  {
    question: 'Which (n, w, r) guarantees that every read sees the latest write?',
    options: [
      { text: '`n=3, w=2, r=2`', correct: true, feedback: '`w + r > n`: every read quorum meets every write quorum.' },
      { text: '`n=3, w=1, r=1`', feedback: 'A read can miss the one replica that took the write.' },
      { text: '`n=3, w=2, r=1`', feedback: '`w + r = n`: quorums need not overlap.' },
    ],
  },
];

const where = 'page /06-cap-theorem/';
const clone = (): Array<{ question: string; options: Array<Record<string, unknown>> }> => JSON.parse(JSON.stringify(valid));

describe('the quiz schema', () => {
  it('accepts a well-formed quiz and fills in correct: false', () => {
    const questions = parseQuiz(valid, where);
    expect(questions).toHaveLength(2);
    expect(questions[0]!.options.map((option) => option.correct)).toEqual([true, false]);
  });

  it('names the question and the field when feedback is missing', () => {
    const quiz = clone();
    delete quiz[1]!.options[2]!['feedback'];
    expect(() => parseQuiz(quiz, where)).toThrow(
      'Invalid quiz on page /06-cap-theorem/: question 2 (“Which (n, w, r) guarantees that every read…”), field "options[2].feedback": ' +
        'missing: expected feedback that explains why this option is right or wrong',
    );
  });

  it('requires exactly one correct option', () => {
    const none = clone();
    none[0]!.options[0]!['correct'] = false;
    expect(() => parseQuiz(none, where)).toThrow('question 1 (“During a partition, what does a CP register…”), field "options": expected exactly one option with "correct: true", found 0');
    const two = clone();
    two[1]!.options[1]!['correct'] = true;
    expect(() => parseQuiz(two, where)).toThrow('found 2');
  });

  it('refuses empty text, unknown fields, repeated options and a wrong number of questions or options', () => {
    const empty = clone();
    empty[0]!.options[1]!['text'] = '   ';
    expect(() => parseQuiz(empty, where)).toThrow('field "options[1].text": expected the text of the option, found empty text');
    const typo = clone();
    typo[0]!.options[0]!['feedbak'] = 'oops';
    expect(() => parseQuiz(typo, where)).toThrow(/question 1 .*field "options\[0\]".*feedbak/);
    const repeated = clone();
    repeated[1]!.options[2]!['text'] = '`n=3, w=1, r=1`';
    expect(() => parseQuiz(repeated, where)).toThrow('field "options[2].text": repeats option 2');
    expect(() => parseQuiz(valid.slice(0, 1), where)).toThrow('questions: expected at least two questions');
    const single = clone();
    single[0]!.options = single[0]!.options.slice(0, 1);
    expect(() => parseQuiz(single, where)).toThrow('field "options": expected at least two options');
    expect(() => parseQuiz('not a quiz', where)).toThrow('Invalid quiz on page /06-cap-theorem/: questions:');
  });
});

describe('inline Markdown in quiz text', () => {
  it('renders code, bold and emphasis', () => {
    expect(inlineMarkdown('Use `w + r > n` for **strong** reads, *not* hope')).toBe(
      'Use <code>w + r &gt; n</code> for <strong>strong</strong> reads, <em>not</em> hope',
    );
  });

  it('escapes everything else, inside code spans too', () => {
    expect(inlineMarkdown('<script>alert(1)</script> & `<b>`')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>&lt;b&gt;</code>');
    expect(inlineMarkdown('2 * 3 * 4')).toBe('2 * 3 * 4');
  });
});
