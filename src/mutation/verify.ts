/**
 * `npm run mutate -- --verify`: judges a fresh run against what is committed, without writing anything. The
 * curriculum check trusts the committed report; this is what makes that trust earned in CI — the same
 * breaches the check finds, on the run just made, plus any survivor the committed report does not name (or
 * names, though it was caught this time), so a report cannot drift from what the tests really do.
 */
import { describeMutant, isEquivalent, mutationBreaches, mutationReport, parseJson, reportFile } from './report.ts';
import type { MutantRecord, MutationFiles, MutationReport } from './report.ts';

export function verifyMutationReport(files: MutationFiles, fresh: MutationReport): string[] {
  const breaches = mutationBreaches({ ...files, report: JSON.stringify(fresh) });
  const rerun = `run \`npm run mutate -- ${files.id}\` and commit its report`;
  if (files.report === undefined) return [`${files.folder}/${reportFile} is missing: ${rerun}`, ...breaches];
  const committed = parseJson(files.report, mutationReport, `${files.folder}/${reportFile}`);
  if ('breach' in committed) return [`${committed.breach}: ${rerun}`, ...breaches];
  const named = (list: readonly MutantRecord[], mutant: MutantRecord) => list.some((other) => isEquivalent(mutant, other));
  for (const survivor of fresh.survivors) {
    if (!named(committed.value.survivors, survivor)) breaches.push(`${describeMutant(files.folder, survivor)} survived this run, but ${files.folder}/${reportFile} does not list it: ${rerun}`);
  }
  for (const survivor of committed.value.survivors) {
    if (!named(fresh.survivors, survivor)) breaches.push(`${describeMutant(files.folder, survivor)} is listed as a survivor in ${files.folder}/${reportFile}, but this run caught it: ${rerun}`);
  }
  if (fresh.mutants !== committed.value.mutants) {
    breaches.push(`${files.folder}/${reportFile} counts ${committed.value.mutants} mutants, this run ${fresh.mutants}: ${rerun}`);
  }
  return breaches;
}
