/**
 * The format of everything the course keeps in the learner's browser, and of the export file.
 * zod/mini keeps this schema small enough to ship on every lesson page.
 */
import * as z from 'zod/mini';

export const STORED_STATE_VERSION = 1;

export const draftSchema = z.object({
  /** Hash of the starter the draft began from; a different hash means the exercise changed since. */
  starterHash: z.string(),
  code: z.string(),
  /** Epoch milliseconds of the last save (real time: this is the learner's clock, not the simulation's). */
  savedAt: z.number(),
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

/** Explains in one line why `data` is not a stored state, or returns the parsed state. */
export function parseStoredState(data: unknown): { ok: true; state: StoredState } | { ok: false; reason: string } {
  const parsed = storedStateSchema.safeParse(data);
  if (parsed.success) return { ok: true, state: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, reason: `${where}${issue?.message ?? 'unexpected shape'}` };
}
