/** How a problem with a course file is worded: the path as the instructor reads it, then the field. */
import { relative } from 'node:path';

/** A path as an instructor reads it: relative to the working directory when the file is inside it. */
export function displayPath(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere.startsWith('..') ? file : fromHere;
}

/** A zod issue as `field "exports[0].name": message`. */
export function describeIssue(path: readonly PropertyKey[], message: string): string {
  if (path.length === 0) return message;
  const field = path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
  return `field "${field}": ${message}`;
}
