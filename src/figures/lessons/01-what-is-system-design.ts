/**
 * Lesson 01's figure: one request through client → load balancer → app → (cache ‖ database) and back,
 * run in the simulation and drawn as a space-time diagram — the timeline view every later lesson's
 * failures use.
 */
import type { Figure } from '../figure.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { CLIENT, SEND_AT_MS, hopsOf, runRequestPath, type Hop } from '../../scenarios/request-path.ts';

/** The path the lesson's text walks through, with the numbers it quotes. */
export const LESSON_PATH: Hop = {
  node: 'lb', networkMs: 2, backMs: 2, workMs: 1,
  calls: [{
    node: 'app', networkMs: 1, backMs: 1, workMs: 5, parallel: true,
    calls: [
      { node: 'cache', networkMs: 1, backMs: 1, workMs: 1 },
      { node: 'db', networkMs: 3, backMs: 2, workMs: 8 },
    ],
  }],
};

export function requestTimeline(path: Hop = LESSON_PATH): Figure {
  const run = runRequestPath(path);
  return spaceTimeDiagram(run.sim.trace.events(), {
    title: `One request from the client to the database and back: ${run.latencyMs} ms end to end`,
    history: run.sim.history(),
    lanes: [CLIENT, ...hopsOf(path).map((hop) => hop.node)],
    fromMs: SEND_AT_MS - 2,
    toMs: (run.operation.completedAt ?? SEND_AT_MS) + 2,
    messageLabels: true,
  });
}
