/**
 * The words the knowledge check shows. Kept in the shape of src/i18n/ui.ts so they can move there as they
 * are; until then they live next to the component.
 */
export const quizUi = {
  'quiz.label': 'Knowledge check',
  'quiz.questionNumber': 'Question {n} of {total}',
  'quiz.check': 'Check answer',
  'quiz.chooseFirst': 'Choose an answer first.',
  'quiz.correct': 'Correct.',
  'quiz.incorrect': 'Not quite.',
  'quiz.explanations': 'Show every answer with its explanation',
  'quiz.rightOption': 'Right',
  'quiz.wrongOption': 'Wrong',
} as const;

export type QuizUiKey = keyof typeof quizUi;

export function quizText(key: QuizUiKey, values: Record<string, string | number> = {}): string {
  return quizUi[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
