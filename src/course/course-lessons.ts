/**
 * The course's lessons in order: the one rule for which pages are lessons and in what order they come, shared
 * by the site (which reads lessons/ through Astro's collection) and the Node side (src/course/lesson-files.ts).
 */
import type { PageKind } from './lesson-frontmatter.ts';

/** The frontmatter fields a lesson list needs, as both readers give them. */
export interface LessonPageData {
  /** The file name without its extension: the page's URL and what exercise.json `lesson` names. */
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly kind: PageKind;
  readonly order?: number | undefined;
  readonly exercises: readonly string[];
}

/** A page with its place in the course. */
export interface CourseLesson extends LessonPageData {
  readonly order: number;
}

/** The pages that have a place (`order`), sorted by it; a page without one (a splash page) is not a lesson. */
export function lessonsInOrder(pages: readonly LessonPageData[]): CourseLesson[] {
  return pages
    .flatMap(({ slug, title, description, kind, order, exercises }) => (order === undefined ? [] : [{ slug, title, description, kind, order, exercises }]))
    .sort((a, b) => a.order - b.order);
}
