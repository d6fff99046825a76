import { describeLessonPages } from './support/lesson-pages.ts';

describeLessonPages({
  '04-availability-vs-consistency': { figures: 2 },
  '07-consistency-patterns': { figures: 2 },
});
