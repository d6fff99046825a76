/**
 * Build-time: the course's lessons in order (src/course/course-lessons.ts), read through Astro's collection so
 * that `npm run dev` follows an edited lesson, with what the home page and the sidebar need to know about them.
 */
import { getCollection } from 'astro:content';
import { lessonsInOrder } from '../course/course-lessons.ts';
import type { CourseExercise } from '../site/course-position.ts';
import { readExerciseFiles } from './exercise/exercise-files.ts';

export interface LessonSummary {
  href: string;
  title: string;
  description: string;
  order: number;
  /** In the lesson's order, with the titles learners see (exercise.json), never bare ids. */
  exercises: CourseExercise[];
}

export async function getLessons(): Promise<LessonSummary[]> {
  const entries = await getCollection('docs');
  return lessonsInOrder(entries.map((entry) => ({ ...entry.data, slug: entry.id }))).map((lesson) => ({
    href: `/${lesson.slug}/`,
    title: lesson.title,
    description: lesson.description,
    order: lesson.order,
    exercises: lesson.exercises.map((id) => ({ id, title: readExerciseFiles(id).title })),
  }));
}
