/** The closing page's course map takes each lesson's title from the course it is given, never a copy of it. */
import { describe, expect, it } from 'vitest';
import { courseLessons } from '../../../src/course/course-facts.ts';
import { COURSE_GROUPS, courseMap } from '../../../src/figures/lessons/15-where-next.ts';

const lessons = courseLessons().filter((lesson) => lesson.kind === 'lesson');
const label = (lesson: { order: number; title: string }) => `${String(lesson.order).padStart(2, '0')} ${lesson.title}`;

describe('the course map on the closing page', () => {
  it('places every lesson of the course, under the title its page has', () => {
    const description = JSON.stringify(courseMap(courseLessons()).alt);
    for (const lesson of lessons) expect(description).toContain(label(lesson));
  });

  it('follows a renamed lesson', () => {
    const renamed = lessons.map((lesson) => ({ ...lesson, title: `${lesson.title}, renamed` }));
    const figure = courseMap(renamed);
    for (const lesson of renamed) expect(JSON.stringify(figure.alt)).toContain(label(lesson));
    expect(figure.svg).toContain('renamed');
  });

  it('refuses a group that names a lesson the course does not have', () => {
    expect(() => courseMap(lessons.slice(1), COURSE_GROUPS)).toThrow('courseMap: the group "Foundations" names lesson 1, which the course does not have');
  });
});
