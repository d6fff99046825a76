/**
 * The closing page's course map: the fourteen lessons in four groups, and arrows for the ideas one lesson
 * hands to another. Drawn with code like every figure (byte-identical output, themed, escaped), and described
 * by the same data: the text alternative lists the groups and every arrow with what it carries. The groups and
 * arrows are this figure's own; each lesson's title is the course's (the page passes the lessons in, read by
 * src/course/course-facts.ts), so a renamed lesson is renamed here too.
 */
import type { Figure } from '../figure.ts';
import { arrowPath, el, num, svgDocument, text } from '../svg.ts';
import { FIGURE_STYLE } from '../theme.ts';

export interface MapLesson {
  readonly number: number;
  readonly title: string;
}

export interface MapGroup {
  readonly name: string;
  /** The lessons' numbers (their `order`), top to bottom. */
  readonly lessons: readonly number[];
}

export interface MapLink {
  readonly from: number;
  readonly to: number;
  /** What the earlier lesson gives the later one, in a few words. */
  readonly carries: string;
}

export const COURSE_GROUPS: readonly MapGroup[] = [
  { name: 'Foundations', lessons: [1, 2, 3, 4] },
  { name: 'Failure and consistency', lessons: [5, 6, 7] },
  { name: 'Copies and work', lessons: [8, 9, 10] },
  { name: 'Serving traffic', lessons: [11, 12, 13, 14] },
];

/** Only arrows between neighbouring columns or down one column, so no arrow crosses a box. */
export const COURSE_LINKS: readonly MapLink[] = [
  { from: 1, to: 2, carries: 'a request’s path, now measured under load' },
  { from: 2, to: 3, carries: 'scaling, put into numbers: latency, throughput, Little’s law' },
  { from: 3, to: 4, carries: 'slow answers and failed answers both erode availability' },
  { from: 4, to: 5, carries: 'what erodes availability, and retries, backoff and breakers against it' },
  { from: 4, to: 6, carries: 'availability against consistency, made sharp during a partition' },
  { from: 6, to: 7, carries: 'CAP’s C, and the weaker promises beside it' },
  { from: 5, to: 10, carries: 'retries mean at-least-once delivery, so handlers must be idempotent' },
  { from: 7, to: 8, carries: 'stale reads, now from replicas with lag' },
  { from: 8, to: 9, carries: 'promoting a replica when the primary fails' },
  { from: 9, to: 12, carries: 'heartbeats and health checks decide where traffic goes' },
  { from: 9, to: 13, carries: 'heartbeats with a time to live keep a service registry honest' },
  { from: 8, to: 14, carries: 'read replicas and their lag in the database tier' },
  { from: 11, to: 12, carries: 'a tier between clients and servers: caching, then balancing' },
  { from: 12, to: 13, carries: 'a balancer needs to know where the instances are' },
];

const BOX_WIDTH = 172;
const BOX_HEIGHT = 46;
const COLUMN_GAP = 48;
const ROW_STEP = 70;
const MARGIN = 8;
const TOP = 34;
const LINE_CHARS = 22;

const MAP_STYLE =
  `.sdl-fig .map-box{fill:var(--fig-bg);stroke:var(--fig-line);stroke-width:1.5}` +
  `.sdl-fig .map-number{fill:var(--fig-blue);font-weight:700}` +
  `.sdl-fig .map-title{fill:var(--fig-text);font-weight:600;font-size:12px}` +
  `.sdl-fig .map-link{fill:none;stroke:var(--fig-blue);stroke-width:1.4;opacity:.8}` +
  `.sdl-fig .map-head{fill:var(--fig-blue)}`;

const label = (lesson: MapLesson) => `${String(lesson.number).padStart(2, '0')} ${lesson.title}`;

/** Greedy word wrap: short titles stay on one line, long ones take two. */
function wrap(title: string): string[] {
  const lines: string[] = [];
  for (const word of title.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= LINE_CHARS) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

interface Placed {
  readonly lesson: MapLesson;
  readonly column: number;
  readonly x: number;
  readonly y: number;
}

/** The course's lessons as the map needs them: a number (`order`) and a title. */
export interface CourseLessonTitle {
  readonly order: number;
  readonly title: string;
}

export function courseMap(courseLessons: readonly CourseLessonTitle[], groups: readonly MapGroup[] = COURSE_GROUPS, links: readonly MapLink[] = COURSE_LINKS): Figure {
  const titles = new Map(courseLessons.map((lesson) => [lesson.order, lesson.title]));
  const lessonNumbered = (number: number, group: MapGroup): MapLesson => {
    const title = titles.get(number);
    if (title === undefined) throw new TypeError(`courseMap: the group "${group.name}" names lesson ${number}, which the course does not have`);
    return { number, title };
  };
  const placed = new Map<number, Placed>();
  groups.forEach((group, column) => {
    group.lessons.forEach((number, row) => {
      placed.set(number, { lesson: lessonNumbered(number, group), column, x: MARGIN + column * (BOX_WIDTH + COLUMN_GAP), y: TOP + row * ROW_STEP });
    });
  });
  const find = (number: number, link: MapLink) => {
    const box = placed.get(number);
    if (box === undefined) throw new TypeError(`courseMap: the link ${link.from} → ${link.to} names lesson ${number}, which no group contains`);
    return box;
  };
  const rows = Math.max(...groups.map((group) => group.lessons.length));
  const width = 2 * MARGIN + groups.length * BOX_WIDTH + (groups.length - 1) * COLUMN_GAP;
  const height = TOP + (rows - 1) * ROW_STEP + BOX_HEIGHT + MARGIN;

  const headings = groups.map((group, column) =>
    el('text', { x: MARGIN + column * (BOX_WIDTH + COLUMN_GAP) + BOX_WIDTH / 2, y: 18, 'text-anchor': 'middle', class: 'label-strong' }, text(group.name)),
  );
  const arrows = links.map((link) => {
    const from = find(link.from, link);
    const to = find(link.to, link);
    if (to.column === from.column) {
      const x = from.x + BOX_WIDTH / 2;
      const arrow = arrowPath(x, from.y + BOX_HEIGHT, x, to.y);
      return el('g', {}, el('path', { d: arrow.line, class: 'map-link' }), el('path', { d: arrow.head, class: 'map-head' }), el('title', {}, text(`${label(from.lesson)} → ${label(to.lesson)}: ${link.carries}`)));
    }
    if (to.column !== from.column + 1) throw new TypeError(`courseMap: the link ${link.from} → ${link.to} skips a column; it would cross the boxes in between`);
    const [x1, y1] = [from.x + BOX_WIDTH, from.y + BOX_HEIGHT / 2];
    const [x2, y2] = [to.x, to.y + BOX_HEIGHT / 2];
    const bend = COLUMN_GAP / 2;
    const head = arrowPath(x2 - 8, y2, x2, y2);
    const curve = `M${num(x1)} ${num(y1)}C${num(x1 + bend)} ${num(y1)} ${num(x2 - 8 - bend)} ${num(y2)} ${num(x2 - 8)} ${num(y2)}`;
    return el('g', {}, el('path', { d: curve, class: 'map-link' }), el('path', { d: head.head, class: 'map-head' }), el('title', {}, text(`${label(from.lesson)} → ${label(to.lesson)}: ${link.carries}`)));
  });
  const boxes = [...placed.values()].map(({ lesson, x, y }) => {
    const lines = wrap(lesson.title);
    const firstBaseline = y + BOX_HEIGHT / 2 + 4 - ((lines.length - 1) * 14) / 2;
    return el(
      'g',
      {},
      el('rect', { x, y, width: BOX_WIDTH, height: BOX_HEIGHT, rx: 6, class: 'map-box' }),
      el('text', { x: x + 8, y: firstBaseline, class: 'map-number' }, text(String(lesson.number).padStart(2, '0'))),
      ...lines.map((line, i) => el('text', { x: x + 30, y: firstBaseline + i * 14, class: 'map-title' }, text(line))),
    );
  });

  const title = 'How the lessons connect';
  const lessonCount = placed.size;
  const svg = svgDocument({
    width,
    height,
    kind: 'course-map',
    title,
    description: `${lessonCount} lessons in ${groups.length} groups, with ${links.length} arrows from a lesson to one that builds on it.`,
    style: FIGURE_STYLE + MAP_STYLE,
    body: [...headings, ...arrows, ...boxes].join(''),
  });
  return {
    svg,
    title,
    alt: {
      kind: 'list',
      items: [
        ...groups.map((group) => `${group.name}: ${group.lessons.map((number) => label(placed.get(number)!.lesson)).join('; ')}.`),
        ...links.map((link) => `${label(find(link.from, link).lesson)} → ${label(find(link.to, link).lesson)}: ${link.carries}.`),
      ],
    },
  };
}
