/**
 * The mutation report of one exercise (`exercises/<id>/mutation.json`, written by `npm run mutate`) and its
 * list of equivalent mutants (`exercises/<id>/equivalent-mutants.json`, written by the instructor): their
 * schemas, how a report is tied to the files it graded, and what the curriculum check finds wrong with them.
 * Every breach is one sentence naming the file, the line and the mutator.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Where a mutant sits in solution.ts, 1-based as an editor shows it. */
const mutantRecord = z.strictObject({
  line: z.int().positive(),
  column: z.int().positive(),
  endLine: z.int().positive(),
  endColumn: z.int().positive(),
  mutator: z.string().min(1),
  original: z.string(),
  replacement: z.string(),
});
export type MutantRecord = z.infer<typeof mutantRecord>;

export const mutationReport = z.strictObject({
  /** sha256 of the files the mutants were graded with: a report for other contents is stale. */
  inputs: z.strictObject({ 'solution.ts': z.string(), 'tests.ts': z.string() }),
  mutants: z.int().nonnegative(),
  killed: z.int().nonnegative(),
  timedOut: z.int().nonnegative(),
  survivors: z.array(mutantRecord),
});
export type MutationReport = z.infer<typeof mutationReport>;

export const equivalentMutants = z.array(
  z.strictObject({
    line: z.int().positive(),
    column: z.int().positive(),
    mutator: z.string().min(1),
    replacement: z.string(),
    reason: z.string().trim().min(1, 'expected one line on why the mutant behaves exactly like the solution'),
  }),
);
export type EquivalentMutant = z.infer<typeof equivalentMutants>[number];

/**
 * Survivors that are real mistakes the tests do not catch yet, each with the test that would catch it: the
 * debt, written down where the check reads it. A new survivor is still a breach, and an entry whose mutant is
 * caught now must be removed, so the list can only shrink.
 */
export const mutantsToKill = z.array(
  z.strictObject({
    line: z.int().positive(),
    column: z.int().positive(),
    mutator: z.string().min(1),
    replacement: z.string(),
    test: z.string().trim().min(1, 'expected one line on the test that would catch the mutant'),
  }),
);
export type MutantToKill = z.infer<typeof mutantsToKill>[number];

export const reportFile = 'mutation.json';
export const equivalentsFile = 'equivalent-mutants.json';
export const toKillFile = 'mutants-to-kill.json';
export const gradedFiles = ['solution.ts', 'tests.ts'] as const;
export type GradedFileContents = Record<(typeof gradedFiles)[number], string>;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function inputsOf(contents: GradedFileContents): MutationReport['inputs'] {
  return { 'solution.ts': sha256(contents['solution.ts']), 'tests.ts': sha256(contents['tests.ts']) };
}

export function isEquivalent(survivor: MutantRecord, equivalent: Pick<EquivalentMutant, 'line' | 'column' | 'mutator' | 'replacement'>): boolean {
  return (
    survivor.line === equivalent.line &&
    survivor.column === equivalent.column &&
    survivor.mutator === equivalent.mutator &&
    survivor.replacement === equivalent.replacement
  );
}

/** A code fragment on one line, short enough for a sentence. */
export function snippet(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** `exercises/x/solution.ts:12:9 EqualityOperator (`a > b` → `a >= b`)`: a mutant as the check names it. */
export function describeMutant(folder: string, mutant: Pick<MutantRecord, 'line' | 'column' | 'mutator' | 'replacement'> & { original?: string }): string {
  const change = mutant.original === undefined ? `→ \`${snippet(mutant.replacement)}\`` : `\`${snippet(mutant.original)}\` → \`${snippet(mutant.replacement)}\``;
  return `${folder}/solution.ts:${mutant.line}:${mutant.column} ${mutant.mutator} (${change})`;
}

/** What the check reads for one exercise: each file's text, or undefined when it is missing. */
export interface MutationFiles {
  readonly id: string;
  /** The exercise folder as the instructor reads it, like `exercises/gcounter`. */
  readonly folder: string;
  readonly contents: GradedFileContents;
  readonly report: string | undefined;
  readonly equivalents: string | undefined;
  readonly toKill: string | undefined;
}

/** Parses a JSON file's text against its schema, or says in one sentence why it does not fit. */
export function parseJson<T>(text: string, schema: z.ZodType<T>, file: string): { value: T } | { breach: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { breach: `${file} is not valid JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { value: parsed.data };
  const [issue] = parsed.error.issues;
  const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
  return { breach: `${file} does not match its format${where}: ${issue?.message ?? 'unknown problem'}` };
}

/**
 * The check's verdict on an exercise's mutants: the report must exist and be current for solution.ts and
 * tests.ts, every survivor must be listed as equivalent, and every equivalent must still be a survivor.
 */
export function mutationBreaches({ id, folder, contents, report, equivalents, toKill }: MutationFiles): string[] {
  const rerun = `run \`npm run mutate -- ${folder === `exercises/${id}` ? id : folder}\``;
  const reportPath = `${folder}/${reportFile}`;
  if (report === undefined) return [`${reportPath} is missing: ${rerun} to grade the mutants of solution.ts`];
  const parsedReport = parseJson(report, mutationReport, reportPath);
  if ('breach' in parsedReport) return [`${parsedReport.breach}: ${rerun} to write it again`];
  const current = inputsOf(contents);
  const changed = gradedFiles.filter((file) => parsedReport.value.inputs[file] !== current[file]);
  if (changed.length > 0) {
    return [`${reportPath} is out of date: ${changed.join(' and ')} changed since the mutants were graded; ${rerun}`];
  }

  const equivalentsPath = `${folder}/${equivalentsFile}`;
  let listed: EquivalentMutant[] = [];
  const breaches: string[] = [];
  if (equivalents !== undefined) {
    const parsed = parseJson(equivalents, equivalentMutants, equivalentsPath);
    if ('breach' in parsed) breaches.push(parsed.breach);
    else listed = parsed.value;
  }
  const toKillPath = `${folder}/${toKillFile}`;
  let debts: MutantToKill[] = [];
  if (toKill !== undefined) {
    const parsed = parseJson(toKill, mutantsToKill, toKillPath);
    if ('breach' in parsed) breaches.push(parsed.breach);
    else debts = parsed.value;
  }
  const { survivors } = parsedReport.value;
  for (const survivor of survivors) {
    if (listed.some((equivalent) => isEquivalent(survivor, equivalent))) continue;
    if (debts.some((debt) => isEquivalent(survivor, debt))) continue;
    breaches.push(
      `${describeMutant(folder, survivor)} survives the hidden tests: add a test that catches it, or, if it behaves exactly like the solution, list it in ${equivalentsPath} with the reason`,
    );
  }
  listed.forEach((equivalent, index) => {
    if (survivors.some((survivor) => isEquivalent(survivor, equivalent))) return;
    breaches.push(
      `${equivalentsPath} entry ${index + 1} (${describeMutant(folder, equivalent)}) is no surviving mutant of the last run: remove it, or correct its line, column, mutator and replacement`,
    );
  });
  debts.forEach((debt, index) => {
    if (survivors.some((survivor) => isEquivalent(survivor, debt))) return;
    breaches.push(
      `${toKillPath} entry ${index + 1} (${describeMutant(folder, debt)}) is no surviving mutant of the last run: if a test catches it now, remove it; otherwise correct its line, column, mutator and replacement`,
    );
  });
  return breaches;
}
