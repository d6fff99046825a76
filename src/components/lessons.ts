/** Build-time: the course's lessons in order, with what the home page and the sidebar need to know about them. */
import { getCollection } from 'astro:content';
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
  return entries
    .flatMap((entry) => (entry.data.order === undefined ? [] : [{ entry, order: entry.data.order }]))
    .map(({ entry, order }) => ({
      href: `/${entry.id}/`,
      title: entry.data.title,
      description: entry.data.description,
      order,
      exercises: entry.data.exercises.map((id) => ({ id, title: readExerciseFiles(id).title })),
    }))
    .sort((a, b) => a.order - b.order);
}
