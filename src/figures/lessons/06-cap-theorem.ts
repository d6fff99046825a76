/**
 * Lesson 06's build-time figures: the partition {A, B} | {C} of the CAP exercise, run with the reference
 * decisions (src/scenarios/partition-timeline.ts) and drawn as space-time diagrams. Heartbeats
 * (every 10 ms on every link) are left out so the requests, quorums and refusals can be read.
 */
import type { History, TraceEvent } from '../../sim/index.ts';
import type { Figure } from '../figure.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { PARTITION } from '../../scenarios/register-runs.ts';
import { partitionTimeline } from '../../scenarios/partition-timeline.ts';
import type { ConsistencyMode } from '../../scenarios/replicated-register.ts';

const SEED = 11;
const LANES = ['c1', 'A', 'B', 'C', 'c3'];

/** Heartbeats say only "I am here"; without them the diagram shows the work. Gossip stays when asked. */
function withoutChatter(events: readonly TraceEvent[], keepGossip: boolean): TraceEvent[] {
  return events.filter((event) => {
    if (event.kind !== 'deliver' && event.kind !== 'drop') return true;
    if (event.summary.includes('heartbeat')) return false;
    return keepGossip || !event.summary.includes('gossip');
  });
}

const describeMode = (mode: ConsistencyMode) => (mode === 'CP' ? 'CP: C refuses' : 'AP: C answers from its own copy');

/** The stretch of the partition the "during" figures show. */
export const DURING_WINDOW = Object.freeze({ fromMs: PARTITION.detectedMs, toMs: PARTITION.detectedMs + 45 });

/** What the clients did inside the "during" window of one mode's run, for its caption. */
export function duringThePartitionFacts(mode: ConsistencyMode): {
  readonly refusal: string | undefined;
  readonly c3Reads: readonly string[];
  readonly c1Writes: readonly string[];
} {
  const { history } = partitionTimeline(mode, SEED);
  const inWindow = history.filter((op) => op.invokedAt >= DURING_WINDOW.fromMs && op.invokedAt <= DURING_WINDOW.toMs);
  const values = (ops: History) => ops.map((op) => String(op.f === 'read' ? op.output : op.input));
  return {
    refusal: inWindow.find((op) => op.client === 'c3' && op.outcome === 'fail')?.error,
    c3Reads: values(inWindow.filter((op) => op.client === 'c3' && op.f === 'read' && op.outcome === 'ok')),
    c1Writes: values(inWindow.filter((op) => op.client === 'c1' && op.f === 'write' && op.outcome === 'ok')),
  };
}

/** A stretch of the partition in one mode: C refusing (CP) or serving possibly stale values (AP). */
export function duringThePartition(mode: ConsistencyMode): Figure {
  const { sim, history } = partitionTimeline(mode, SEED);
  return spaceTimeDiagram(withoutChatter(sim.trace.events(), false), {
    title: `The partition {A, B} | {C}, ${describeMode(mode)} (seed ${SEED})`,
    history,
    lanes: LANES,
    ...DURING_WINDOW,
  });
}

/** AP across the heal: C's copy has drifted from A's; once the network heals, gossip makes them agree. */
export function apConvergesAfterTheHeal(): Figure {
  const { sim, history } = partitionTimeline('AP', SEED);
  return spaceTimeDiagram(withoutChatter(sim.trace.events(), true), {
    title: `AP across the heal: diverged copies, then convergence (seed ${SEED})`,
    history,
    lanes: LANES,
    fromMs: PARTITION.healMs - 20,
    toMs: PARTITION.healMs + 40,
  });
}
