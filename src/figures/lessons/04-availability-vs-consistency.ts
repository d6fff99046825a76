/**
 * Lesson 04's figures, from real runs of the replica-outages scenario:
 * - {@link twoReplicaTimeline}: five seconds of two replicas crashing and being repaired, with a client
 *   that fails over to the other replica when a request goes unanswered; the service is down only
 *   while both replicas are;
 * - {@link availabilityOverTime}: over a long run, the measured availability of one replica, of the
 *   pair in parallel and of the pair in series, settling on what the composition formulas predict.
 */
import type { Figure } from '../figure.ts';
import { linePlot } from '../plot.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { measureUptime, replicaOutageRun, type TimeWindow } from '../../scenarios/replica-outages.ts';

const REPLICAS = ['A', 'B'] as const;
/** Seed 7 shows each replica failing on its own and one stretch (about 100 ms) when both are down. */
const TIMELINE = { replicas: REPLICAS, meanUpMs: 1200, meanDownMs: 400, horizonMs: 5000, probeEveryMs: 250 } as const;
/** Up ~400 ms, down ~100 ms: each replica about 80% available, so the differences are easy to see. */
export const LONG_RUN = { replicas: REPLICAS, meanUpMs: 400, meanDownMs: 100, horizonMs: 200_000 } as const;
export const SAMPLE_EVERY_MS = 5_000;

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** When both replicas of the timeline's run were down at once: the service's outages. */
export function bothDownWindows(seed = 7): TimeWindow[] {
  const { outages } = replicaOutageRun(TIMELINE, seed);
  const [a, b] = REPLICAS.map((id) => outages[id] ?? []);
  return a!.flatMap((x) => b!.map((y) => ({ from: Math.max(x.from, y.from), to: Math.min(x.to, y.to) }))).filter((w) => w.to > w.from);
}

export function twoReplicaTimeline(seed = 7): Figure {
  const run = replicaOutageRun(TIMELINE, seed);
  const history = run.sim.history();
  const answered = history.filter((op) => op.outcome === 'ok').length;
  return spaceTimeDiagram(run.sim.trace.events(), {
    title: `Two replicas, ${TIMELINE.horizonMs} ms: A up ${percent(run.uptime.replica['A']!)}, B up ${percent(run.uptime.replica['B']!)}, at least one up ${percent(run.uptime.anyUp)}; ${answered} of ${history.length} requests answered`,
    history,
    lanes: ['client', ...REPLICAS],
    fromMs: 0,
    toMs: TIMELINE.horizonMs,
  });
}

/** The outages of [0, t): each window cut at t. */
function outagesBefore(outages: Readonly<Record<string, readonly TimeWindow[]>>, t: number): Record<string, TimeWindow[]> {
  return Object.fromEntries(
    Object.entries(outages).map(([node, windows]) => [node, windows.filter((w) => w.from < t).map((w) => ({ from: w.from, to: Math.min(w.to, t) }))]),
  );
}

export function availabilityOverTime(seed = 1): Figure {
  const run = replicaOutageRun(LONG_RUN, seed);
  const replicaA: [number, number][] = [];
  const parallel: [number, number][] = [];
  const serial: [number, number][] = [];
  for (let t = SAMPLE_EVERY_MS; t <= LONG_RUN.horizonMs; t += SAMPLE_EVERY_MS) {
    const sofar = measureUptime(outagesBefore(run.outages, t), t);
    replicaA.push([t / 1000, 100 * sofar.replica['A']!]);
    parallel.push([t / 1000, 100 * sofar.anyUp]);
    serial.push([t / 1000, 100 * sofar.allUp]);
  }
  const a = run.uptime.replica['A']!;
  const b = run.uptime.replica['B']!;
  return linePlot({
    title: `Measured availability over ${LONG_RUN.horizonMs / 1000} s of seeded crashes and repairs (seed ${seed})`,
    x: { label: 'virtual time (s)', min: 0 },
    y: { label: 'measured so far (%)', min: 50, max: 100 },
    series: [
      { name: 'replica A alone', points: replicaA },
      { name: 'A or B (parallel)', points: parallel },
      { name: 'A and B (series)', points: serial },
    ],
    references: [
      { axis: 'y', value: 100 * (1 - (1 - a) * (1 - b)), label: `predicted parallel ${percent(1 - (1 - a) * (1 - b))}` },
      { axis: 'y', value: 100 * a * b, label: `predicted series ${percent(a * b)}` },
    ],
  });
}
