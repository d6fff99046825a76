/**
 * The format of everything the course keeps in the learner's browser, and of the export file.
 * zod/mini keeps this schema small enough to ship on every lesson page.
 * Older formats are migrated (see stored-state-migrations.ts); a newer one is never guessed at.
 */
import * as z from 'zod/mini';
import { describeIssue } from './describe-issue.ts';
import { migrations } from './stored-state-migrations.ts';

export const STORED_STATE_VERSION = 2;

export const draftSchema = z.object({
  /** Hash of the starter the draft began from; a different hash means the exercise changed since. */
  starterHash: z.string(),
  code: z.string(),
  /** Epoch milliseconds of the last save (real time: this is the learner's clock, not the simulation's). */
  savedAt: z.number(),
  /** Counts the saves of this draft, from any tab; a tab that sees a higher one than it knows was overtaken. */
  revision: z.number().check(z.int(), z.minimum(1)),
});
export type Draft = z.infer<typeof draftSchema>;

export const solvedSchema = z.object({ solvedAt: z.number() });

export const storedStateSchema = z.object({
  version: z.literal(STORED_STATE_VERSION),
  drafts: z.record(z.string(), draftSchema),
  solved: z.record(z.string(), solvedSchema),
});
export type StoredState = z.infer<typeof storedStateSchema>;

export const emptyState = (): StoredState => ({ version: STORED_STATE_VERSION, drafts: {}, solved: {} });

/**
 * Why data could not be read: `newer` was written by a later version of the course (set aside, not parsed, so
 * that going back to an old tab never mangles it); `unreadable` is anything else.
 */
export type UnreadableKind = 'newer' | 'unreadable';
export type ReadResult = { ok: true; state: StoredState } | { ok: false; kind: UnreadableKind; reason: string };

/** Reads stored data of this or any older format version; explains in one line why it cannot. */
export function readStoredState(data: unknown): ReadResult {
  const version = typeof data === 'object' && data !== null && 'version' in data ? data.version : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, kind: 'unreadable', reason: 'version: it has no format version' };
  }
  if (version > STORED_STATE_VERSION) {
    return { ok: false, kind: 'newer', reason: `version: ${version} is newer than this site's format (${STORED_STATE_VERSION})` };
  }
  let current: unknown = data;
  for (let from = version; from < STORED_STATE_VERSION; from++) {
    const migration = migrations[from];
    if (!migration) return { ok: false, kind: 'unreadable', reason: `version: ${version} is not a format this site knows` };
    const migrated = migration(current);
    if (!migrated.ok) return { ok: false, kind: 'unreadable', reason: migrated.reason };
    current = migrated.data;
  }
  const parsed = storedStateSchema.safeParse(current);
  return parsed.success ? { ok: true, state: parsed.data } : { ok: false, kind: 'unreadable', reason: describeIssue(parsed.error) };
}
