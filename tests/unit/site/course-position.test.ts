import { describe, expect, it } from 'vitest';
import { lessonCount, nextStep, type CourseLesson } from '../../../src/site/course-position.ts';

const lessons: CourseLesson[] = [
  { href: '/01/', title: 'One', exercises: [{ id: 'a', title: 'Exercise A' }] },
  { href: '/02/', title: 'Two', exercises: [] },
  { href: '/03/', title: 'Three', exercises: [{ id: 'b', title: 'Exercise B' }, { id: 'c', title: 'Exercise C' }] },
];
const draft = (savedAt: number) => ({ starterHash: 'h', code: '', savedAt, revision: 1 });
const solved = (solvedAt: number) => ({ solvedAt });
const where = (step: ReturnType<typeof nextStep>) => step && `${step.lesson.title} — ${step.exercise.title} (${step.why})`;

describe('lessonCount', () => {
  it('counts the solved exercises of a lesson', () => {
    expect(lessonCount(['b', 'c'], { solved: { c: solved(1), a: solved(2) } })).toEqual({ solved: 1, total: 2 });
    expect(lessonCount([], { solved: {} })).toEqual({ solved: 0, total: 0 });
  });
});

describe('nextStep', () => {
  it('has nothing to continue before the learner has started', () => {
    expect(nextStep(lessons, { solved: {}, drafts: {} })).toBeUndefined();
  });

  it('continues the unsolved exercise the learner last left code in', () => {
    expect(where(nextStep(lessons, { solved: {}, drafts: { a: draft(5), c: draft(9) } }))).toBe('Three — Exercise C (draft)');
    // A draft of a solved exercise is finished work, not a place to continue.
    expect(where(nextStep(lessons, { solved: { c: solved(10) }, drafts: { a: draft(5), c: draft(9) } }))).toBe('One — Exercise A (draft)');
  });

  it('otherwise goes on after the exercise solved last, wrapping to the start of the course', () => {
    expect(where(nextStep(lessons, { solved: { a: solved(1) }, drafts: {} }))).toBe('Three — Exercise B (next)');
    expect(where(nextStep(lessons, { solved: { a: solved(1), b: solved(2) }, drafts: {} }))).toBe('Three — Exercise C (next)');
    expect(where(nextStep(lessons, { solved: { c: solved(3) }, drafts: {} }))).toBe('One — Exercise A (next)');
    // Solved out of order: the latest solve decides, not the course order.
    expect(where(nextStep(lessons, { solved: { c: solved(1), a: solved(2) }, drafts: {} }))).toBe('Three — Exercise B (next)');
  });

  it('has nothing to continue once every exercise is solved', () => {
    expect(nextStep(lessons, { solved: { a: solved(1), b: solved(2), c: solved(3) }, drafts: { a: draft(4) } })).toBeUndefined();
  });
});
