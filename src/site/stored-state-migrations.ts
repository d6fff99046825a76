/**
 * Steps from each older stored format to the next one. `migrations[n]` takes format n to n + 1; every
 * step validates its input with the schema that format had, so a broken old file is named, not half-migrated.
 * A format version that ever shipped must keep its step here, or learners who saved with it lose their work.
 */
import * as z from 'zod/mini';
import { describeIssue } from './describe-issue.ts';

type Migrated = { ok: true; data: unknown } | { ok: false; reason: string };

/** Format 1 (the first release): drafts had no revision, so two tabs could overwrite each other unseen. */
const storedStateV1Schema = z.object({
  version: z.literal(1),
  drafts: z.record(z.string(), z.object({ starterHash: z.string(), code: z.string(), savedAt: z.number() })),
  solved: z.record(z.string(), z.object({ solvedAt: z.number() })),
});

function fromV1(data: unknown): Migrated {
  const parsed = storedStateV1Schema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error) };
  const drafts = Object.fromEntries(Object.entries(parsed.data.drafts).map(([id, draft]) => [id, { ...draft, revision: 1 }]));
  return { ok: true, data: { version: 2, drafts, solved: parsed.data.solved } };
}

export const migrations: Readonly<Record<number, (data: unknown) => Migrated>> = { 1: fromV1 };
