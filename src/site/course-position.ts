/**
 * Where the learner is in the course, from what this browser stored (pure: tested in Node,
 * tests/unit/site/course-position.test.ts). The home page's "Continue" line and the per-lesson counts on the
 * home page and in the sidebar come from here.
 */
import type { StoredState } from './stored-state.ts';

export interface CourseExercise {
  readonly id: string;
  readonly title: string;
}

export interface CourseLesson {
  readonly href: string;
  readonly title: string;
  readonly exercises: readonly CourseExercise[];
}

export interface LessonCount {
  readonly solved: number;
  readonly total: number;
}

export function lessonCount(exerciseIds: readonly string[], state: Pick<StoredState, 'solved'>): LessonCount {
  return { solved: exerciseIds.filter((id) => id in state.solved).length, total: exerciseIds.length };
}

export interface NextStep {
  readonly lesson: CourseLesson;
  readonly exercise: CourseExercise;
  /** `draft`: the learner left code in it; `next`: the first unsolved exercise after the last one they solved. */
  readonly why: 'draft' | 'next';
}

/**
 * Where to continue: the unsolved exercise the learner last saved code in; otherwise the first unsolved
 * exercise after the one solved last (wrapping to the start of the course). Undefined before the learner has
 * done anything (the course starts at lesson one) and once everything is solved.
 */
export function nextStep(lessons: readonly CourseLesson[], state: Pick<StoredState, 'solved' | 'drafts'>): NextStep | undefined {
  const order = lessons.flatMap((lesson) => lesson.exercises.map((exercise) => ({ lesson, exercise })));
  const unsolved = order.filter(({ exercise }) => !(exercise.id in state.solved));
  if (unsolved.length === 0) return undefined;
  const latestDraft = unsolved
    .filter(({ exercise }) => state.drafts[exercise.id] !== undefined)
    .sort((a, b) => state.drafts[b.exercise.id]!.savedAt - state.drafts[a.exercise.id]!.savedAt)[0];
  if (latestDraft) return { ...latestDraft, why: 'draft' };
  const solves = order.flatMap(({ exercise }, index) => (exercise.id in state.solved ? [{ index, at: state.solved[exercise.id]!.solvedAt }] : []));
  if (solves.length === 0) return undefined;
  const lastSolved = solves.reduce((latest, solve) => (solve.at > latest.at ? solve : latest)).index;
  const after = order.slice(lastSolved + 1).concat(order.slice(0, lastSolved + 1));
  const next = after.find(({ exercise }) => !(exercise.id in state.solved))!;
  return { ...next, why: 'next' };
}
