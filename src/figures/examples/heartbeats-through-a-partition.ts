/**
 * Example figures (and living documentation for lesson authors): the heartbeat scenario from
 * src/sim/examples/heartbeats.ts, run at build time with a fixed seed and drawn two ways.
 *
 *   import { heartbeatTimeline } from '../src/figures/examples/heartbeats-through-a-partition.ts';
 *   <SimFigure figure={heartbeatTimeline()} caption="Both nodes suspect each other; neither crashed." />
 */
import { runHeartbeats } from '../../sim/examples/heartbeats.ts';
import type { Figure } from '../figure.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { linePlot } from '../plot.ts';

/** The scenario's defaults, repeated here only to frame the figures around the partition. */
const PARTITION_AT_MS = 1000;
const HEAL_AT_MS = 2000;
const SUSPECT_AFTER_MS = 300;

export function heartbeatTimeline(seed = 7): Figure {
  const { sim } = runHeartbeats({ seed });
  return spaceTimeDiagram(sim.trace.events(), {
    title: `Heartbeats between A and B through a partition (seed ${seed})`,
    fromMs: PARTITION_AT_MS - 400,
    toMs: HEAL_AT_MS + 400,
  });
}

/** How long each node has gone without hearing its peer, sampled every 50 ms, against the suspicion threshold. */
export function heartbeatSilence(seed = 7): Figure {
  const { sim } = runHeartbeats({ seed });
  const events = sim.trace.events();
  const endMs = HEAL_AT_MS + 600;
  const series = [['A', 'B'], ['B', 'A']].map(([node, peer]) => {
    const heard = events.filter((event) => event.kind === 'deliver' && event.to === node).map((event) => event.time);
    const points: [number, number][] = [];
    for (let t = 0, next = 0, last = 0; t <= endMs; t += 50) {
      while (next < heard.length && (heard[next] as number) <= t) last = heard[next++] as number;
      points.push([t, t - last]);
    }
    return { name: `${node}, not hearing from ${peer}`, points, style: 'step' as const };
  });
  return linePlot({
    title: `Silence seen by each node (seed ${seed})`,
    x: { label: 'virtual time (ms)' },
    y: { label: 'silence (ms)' },
    series,
    references: [
      { axis: 'y', value: SUSPECT_AFTER_MS, label: `suspect after ${SUSPECT_AFTER_MS} ms` },
      { axis: 'x', value: PARTITION_AT_MS, label: 'partition' },
      { axis: 'x', value: HEAL_AT_MS, label: 'heal' },
    ],
  });
}
