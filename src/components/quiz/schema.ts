/**
 * The knowledge check's data, as authors write it in MDX: `<Quiz questions={[…]} />`. This schema is the
 * single source of truth for its shape; `parseQuiz` turns any mistake into one message that names the
 * question (by number and opening words) and the field, so a malformed quiz fails the build plainly.
 */
import { z } from 'zod';

/** A required piece of text, with messages that say what is missing rather than which type was expected. */
const requiredText = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `missing: expected ${what}` : `expected ${what} as text`) })
    .trim()
    .min(1, `expected ${what}, found empty text`);

export const quizOption = z
  .object({
    /** The answer as the learner reads it. Inline `code`, **bold** and *emphasis* are allowed. */
    text: requiredText('the text of the option'),
    /** Exactly one option per question is correct. */
    correct: z.boolean().default(false),
    /** Why this option is right or wrong; shown when the learner picks it. */
    feedback: requiredText('feedback that explains why this option is right or wrong'),
  })
  .strict();

export const quizQuestion = z
  .object({
    /** The question. Inline `code`, **bold** and *emphasis* are allowed. */
    question: requiredText('the text of the question'),
    options: z.array(quizOption).min(2, 'expected at least two options').max(6, 'expected at most six options'),
  })
  .strict()
  .superRefine((question, context) => {
    const correct = question.options.filter((option) => option.correct).length;
    if (correct !== 1) {
      context.addIssue({ code: 'custom', path: ['options'], message: `expected exactly one option with "correct: true", found ${correct}` });
    }
    const texts = question.options.map((option) => option.text);
    texts.forEach((text, index) => {
      if (texts.indexOf(text) !== index) context.addIssue({ code: 'custom', path: ['options', index, 'text'], message: `repeats option ${texts.indexOf(text) + 1}` });
    });
  });

/** A lesson's knowledge check: two to four questions. */
export const quizQuestions = z.array(quizQuestion).min(2, 'expected at least two questions').max(4, 'expected at most four questions');

export type QuizOption = z.infer<typeof quizOption>;
export type QuizQuestion = z.infer<typeof quizQuestion>;
/** The questions as authors write them (`correct` may be left out on wrong options). */
export type QuizQuestionsInput = z.input<typeof quizQuestions>;

export class QuizError extends Error {
  override name = 'QuizError';
}

/** Validates a quiz; `where` says which page it is on, for the error message. */
export function parseQuiz(input: unknown, where: string): QuizQuestion[] {
  const parsed = quizQuestions.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => describeIssue(input, issue.path, issue.message));
  throw new QuizError(`Invalid quiz on ${where}: ${problems.join('; ')}`);
}

function describeIssue(input: unknown, path: readonly PropertyKey[], message: string): string {
  if (path.length === 0) return `questions: ${message}`;
  const [index, ...field] = path;
  const question = Array.isArray(input) ? (input[index as number] as { question?: unknown } | undefined) : undefined;
  const opening = typeof question?.question === 'string' ? ` (“${shorten(question.question)}”)` : '';
  const fieldName = field.map((part, at) => (typeof part === 'number' ? `[${part}]` : at === 0 ? String(part) : `.${String(part)}`)).join('');
  return `question ${Number(index) + 1}${opening}${fieldName === '' ? '' : `, field "${fieldName}"`}: ${message}`;
}

function shorten(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length <= 8 ? words.join(' ') : `${words.slice(0, 8).join(' ')}…`;
}
