/**
 * How a learner's answer differs from the reference's, as the results show it: the call, both answers, and
 * for objects and arrays a line-by-line diff from Vitest's own diff (`@vitest/utils/diff`, the one its
 * assertion messages use). Built only when a generated case fails, from values already copied across the
 * boundary; a learner object with methods is never walked.
 */
import { diff } from '@vitest/utils/diff';
import type { AnswerDifference, DiffLine } from '../runner/contract.ts';
import { isLearnerHandle } from './boundary/membrane.ts';

/** Lines of a diff shown at most; the rest is counted. */
export const MAX_DIFF_LINES = 40;

/** No colour codes: the page styles the lines itself. */
const plain = (text: string): string => text;
const DIFF_OPTIONS = {
  aAnnotation: 'Expected',
  bAnnotation: 'Yours',
  omitAnnotationLines: true,
  aIndicator: '-',
  bIndicator: '+',
  commonIndicator: ' ',
  aColor: plain,
  bColor: plain,
  changeColor: plain,
  commonColor: plain,
  patchColor: plain,
  changeLineTrailingSpaceColor: plain,
  commonLineTrailingSpaceColor: plain,
  truncateAnnotationColor: plain,
  printBasicPrototype: false,
  contextLines: 2,
  maxDepth: 6,
} as const;

/** Plain data all the way down (arrays, plain objects, primitives), so walking it runs no learner code. */
function isPlainData(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function';
  if (depth > 8 || isLearnerHandle(value)) return false;
  if (Array.isArray(value)) return value.every((item: unknown) => isPlainData(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => isPlainData(item, depth + 1));
}

const KINDS: Readonly<Record<string, DiffLine['kind']>> = { '-': 'expected', '+': 'yours', ' ': 'same' };

/**
 * The diff of two answers, line by line, when both are objects or arrays of plain data and differ; otherwise
 * none (two numbers or strings say everything in the table already).
 */
export function answerDiff(expected: unknown, yours: unknown): DiffLine[] | undefined {
  const structured = (value: unknown) => typeof value === 'object' && value !== null;
  if (!structured(expected) || !structured(yours) || !isPlainData(expected) || !isPlainData(yours)) return undefined;
  const text = diff(expected, yours, DIFF_OPTIONS);
  if (text === undefined || text === '') return undefined;
  // A hunk header ("@@ -1,4 +1,3 @@") marks unchanged lines left out: shown as a gap.
  const lines = text.split('\n').map((line): DiffLine => (line.startsWith('@@') ? { kind: 'same', text: '…' } : { kind: KINDS[line[0] ?? ' '] ?? 'same', text: line.slice(2) }));
  if (!lines.some((line) => line.kind !== 'same')) return undefined;
  return lines.length <= MAX_DIFF_LINES
    ? lines
    : [...lines.slice(0, MAX_DIFF_LINES), { kind: 'same', text: `… ${lines.length - MAX_DIFF_LINES} more lines` }];
}

export type { AnswerDifference };
