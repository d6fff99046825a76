/**
 * What shrinking adds to a failing test: for the first wrong variant whose failure is shrunk before it is drawn, the
 * failing test graded alone in Node, median of `runs` gradings with shrinking and of `runs` without; the
 * difference is the shrinking (and the extra build that records the nodes' states, which only a drawn run pays).
 * Each exercise is graded in a child process (bench/shrink-cost-child.ts), whose realm is sealed as a grading
 * worker's is.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { roundMs } from './stats.ts';

export interface ShrinkCost {
  /** The first wrong variant, by file name, whose failure is shrunk; and its shrunk test. */
  readonly variant: string;
  readonly test: string;
  /** Median extra milliseconds in Node (the browser's worker takes about twice Node's time). */
  readonly shrinkMs: number;
  readonly tries: number;
  readonly fromEvents: number;
  readonly toEvents: number;
}

const child = fileURLToPath(new URL('./shrink-cost-child.ts', import.meta.url));

/** Null when no wrong variant's failure is shrunk (the exercise's scenarios declare no sizes). */
export function shrinkCost(id: string, runs = 5): ShrinkCost | null {
  const out = execFileSync(process.execPath, [child, id, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ShrinkCost | null;
}

const exercisesDir = new URL('../exercises/', import.meta.url);

/** The exercises whose hidden tests grade a shrinkable scenario. */
function shrinkingExercises(): string[] {
  return readdirSync(exercisesDir)
    .sort()
    .filter((id) => {
      try {
        return readFileSync(new URL(`${id}/tests.ts`, exercisesDir), 'utf8').includes('checkScenario(');
      } catch {
        return false;
      }
    });
}

export interface ShrinkRow {
  readonly exercise: string;
  readonly variant: string;
  readonly shrinkMs: number;
  readonly tries: number;
  /** Events in the graded run that failed, and in the shrunk run the learner is shown. */
  readonly fromEvents: number;
  readonly toEvents: number;
}

export function benchShrink(ids: readonly string[] = shrinkingExercises()): ShrinkRow[] {
  const rows: ShrinkRow[] = [];
  for (const id of ids) {
    console.error(`shrink: ${id}…`);
    const cost = shrinkCost(id);
    if (cost === null) throw new Error(`${id}: its tests call checkScenario, but no wrong variant's failure is shrunk: add a variant that fails a shrinkable test.`);
    rows.push({ exercise: id, variant: cost.variant, shrinkMs: roundMs(cost.shrinkMs), tries: cost.tries, fromEvents: cost.fromEvents, toEvents: cost.toEvents });
  }
  return rows;
}
