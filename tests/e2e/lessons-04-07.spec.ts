import { describeLessonPages, type LessonPage } from './support/lesson-pages.ts';

const lessons: LessonPage[] = [
  { slug: '04-availability-vs-consistency', title: 'Availability vs consistency', figures: 2, exercises: ['availability-math'] },
  { slug: '07-consistency-patterns', title: 'Consistency patterns', figures: 2, exercises: ['stale-reads', 'gcounter'] },
];

describeLessonPages(lessons);
