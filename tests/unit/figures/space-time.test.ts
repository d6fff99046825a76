import { describe, expect, it } from 'vitest';
import { Simulation, type ClientRequest, type NodeBehaviour } from '../../../src/sim/index.ts';
import { runHeartbeats } from '../../../src/sim/examples/heartbeats.ts';
import { spaceTimeDiagram } from '../../../src/figures/index.ts';
import { heartbeatTimeline } from '../../../src/figures/examples/heartbeats-through-a-partition.ts';
import { allText, byClass, descendants, hasClass, parseSvg } from './svg-tree.ts';

/** A register on A (B refuses writes), two clients, a partition, a crash of A and a pause of C. */
function clientScenario(seed = 1) {
  const sim = new Simulation({ seed, trace: true });
  sim.network.setDefault({ latency: { kind: 'constant', ms: 5 } });
  const register = (): NodeBehaviour => {
    let value: unknown = null;
    return {
      onRequest(ctx, request: ClientRequest) {
        if (request.f === 'write') {
          value = request.input;
          ctx.send('B', { type: 'replicate', value });
        }
        ctx.reply(request, request.f === 'read' ? value : undefined);
      },
    };
  };
  sim.addNode('A', register);
  sim.addNode('B', () => ({ onRequest: (ctx, request) => ctx.fail(request, 'not the leader') }));
  sim.addNode('C', {});
  const c1 = sim.addClient('c1', { timeoutMs: 50 });
  const c2 = sim.addClient('c2', { timeoutMs: 50 });
  c1.invokeAt(10, { node: 'A', f: 'write', input: 1 });
  c2.invokeAt(20, { node: 'B', f: 'write', input: 2 });
  sim.at(100, 'cut', () => sim.partition([['A', 'c1'], ['B', 'C', 'c2']]));
  c2.invokeAt(120, { node: 'A', f: 'read' });
  sim.at(200, 'heal', () => sim.heal());
  sim.at(210, 'crash A', () => sim.crash('A'));
  sim.at(230, 'pause C', () => sim.pause('C'));
  sim.at(280, 'resume C', () => sim.resume('C'));
  sim.at(300, 'restart A', () => sim.restart('A'));
  c1.invokeAt(310, { node: 'A', f: 'read' });
  sim.run({ untilMs: 400 });
  return sim;
}

const lanesOf = (svg: ReturnType<typeof parseSvg>) =>
  descendants(svg).filter((node) => node.attrs['data-lane'] !== undefined).map((node) => node.attrs['data-lane']);

describe('spaceTimeDiagram on the heartbeat scenario', () => {
  const { sim } = runHeartbeats({ seed: 7 });
  const events = sim.trace.events();
  const figure = spaceTimeDiagram(events, { title: 'Heartbeats through a partition' });
  const svg = parseSvg(figure.svg);

  it('is an accessible image: role img, a <title> and a <desc> first', () => {
    expect(svg.tag).toBe('svg');
    expect(svg.attrs['role']).toBe('img');
    expect(svg.attrs['viewBox']).toMatch(/^0 0 720 \d+(\.\d)?$/);
    expect(svg.children[0]?.tag).toBe('title');
    expect(svg.children[0]?.text).toBe('Heartbeats through a partition');
    expect(svg.children[1]?.tag).toBe('desc');
    expect(svg.children[1]?.text).toMatch(/^Space-time diagram of A, B from 0 ms to \d+ ms: \d+ messages delivered, 20 dropped, 1 partition\.$/);
  });

  it('draws one lane per node, an arrow per delivered message and an ✕ per dropped one', () => {
    expect(lanesOf(svg)).toEqual(['A', 'B']);
    const delivered = events.filter((event) => event.kind === 'deliver').length;
    const dropped = events.filter((event) => event.kind === 'drop').length;
    expect(dropped).toBe(20);
    const messages = byClass(svg, 'message');
    expect(messages.filter((m) => !hasClass(m, 'message--dropped'))).toHaveLength(delivered);
    const drops = messages.filter((m) => hasClass(m, 'message--dropped'));
    expect(drops).toHaveLength(dropped);
    for (const drop of drops) {
      expect(byClass(drop, 'drop-mark')).toHaveLength(1);
      // The reason travels with the mark, as its tooltip.
      expect(drop.children.find((child) => child.tag === 'title')?.text).toMatch(/dropped: partition$/);
    }
  });

  it('shades the partition from its start to the heal, labelled with its groups', () => {
    const bands = byClass(svg, 'band--partition');
    expect(bands).toHaveLength(1);
    const band = bands[0]!;
    expect(allText(band)).toContain('partition {A} | {B}');
    expect(band.children.find((child) => child.tag === 'title')?.text).toBe('partition {A} | {B}: 1000–2000 ms');
  });

  it('describes what happens in a short list, drops grouped by link and reason', () => {
    expect(figure.alt.kind).toBe('list');
    const items = figure.alt.kind === 'list' ? figure.alt.items : [];
    expect(items[0]).toBe('Lanes from top to bottom: A, B. Time runs left to right from 0 ms to 3000 ms.');
    expect(items).toContain('1000 ms: partition {A} | {B} (until 2000 ms).');
    expect(items).toContain('2000 ms: the network heals.');
    expect(items).toContain('1000–1900 ms: 10 messages A → B dropped (partition); first: heartbeat seq=10.');
    expect(items).toContain('1000–1900 ms: 10 messages B → A dropped (partition); first: heartbeat seq=10.');
    expect(items.filter((item) => item.startsWith('In total'))).toHaveLength(2);
    expect(items.length).toBeLessThan(12);
  });

  it('themes itself through classes and Starlight custom properties, never fixed colours', () => {
    expect(svg.attrs['class']).toBe('sdl-fig sdl-fig--space-time');
    const style = svg.children.find((child) => child.tag === 'style')?.text ?? '';
    expect(style).toContain('var(--sl-color-accent');
    expect(style).toContain(":root[data-theme='light'] .sdl-fig");
    for (const node of descendants(svg)) {
      expect(node.attrs['fill'], `${node.tag} fill`).toBeUndefined();
      expect(node.attrs['stroke'], `${node.tag} stroke`).toBeUndefined();
      expect(node.attrs['style'], `${node.tag} style`).toBeUndefined();
    }
  });

  it('is byte-identical for the same seed, and differs for another seed', () => {
    expect(heartbeatTimeline(7).svg).toBe(heartbeatTimeline(7).svg);
    expect(heartbeatTimeline(7).alt).toEqual(heartbeatTimeline(7).alt);
    expect(heartbeatTimeline(8).svg).not.toBe(heartbeatTimeline(7).svg);
  });
});

describe('spaceTimeDiagram with clients and faults', () => {
  const sim = clientScenario();
  const events = sim.trace.events();
  const figure = spaceTimeDiagram(events);
  const svg = parseSvg(figure.svg);

  it('puts clients on top, then nodes, in order of appearance', () => {
    expect(lanesOf(svg)).toEqual(['c1', 'c2', 'A', 'B', 'C']);
  });

  it('draws each client operation as a bar classed and labelled by its outcome', () => {
    const bars = byClass(svg, 'op');
    expect(bars.map((bar) => bar.attrs['class'])).toEqual(['op op-ok', 'op op-fail', 'op op-unknown', 'op op-ok']);
    const tooltips = byClass(svg, 'op-group').map((group) => group.children.find((child) => child.tag === 'title')?.text);
    expect(tooltips).toEqual([
      'write 1 → ok: invoked at 10 ms, ok at 20 ms',
      'write 2 → fail: not the leader: invoked at 20 ms, fail at 30 ms',
      'read → unknown: invoked at 120 ms, unknown at 170 ms',
      // A restarted with fresh volatile state, so the read returns the initial null.
      'read → ok null: invoked at 310 ms, ok at 320 ms',
    ]);
    // A label may not run into the next operation on its lane: it is cut short, the tooltip keeps it whole.
    const labels = byClass(svg, 'op-group').map((group) => group.children.find((child) => child.tag === 'text')?.text);
    expect(labels).toEqual(['write 1 → ok', 'write 2 → fail: not the le…', 'read → unknown', 'read → ok null']);
  });

  it('marks the crash, restart and pause on their lanes, and draws A as down between crash and restart', () => {
    expect(byClass(svg, 'mark').map((mark) => mark.attrs['class'])).toEqual(['mark mark--crash', 'mark mark--pause', 'mark mark--resume', 'mark mark--restart']);
    const laneA = descendants(svg).find((node) => node.attrs['data-lane'] === 'A')!;
    expect(byClass(laneA, 'lane-down')).toHaveLength(1);
    const laneC = descendants(svg).find((node) => node.attrs['data-lane'] === 'C')!;
    expect(byClass(laneC, 'lane-paused')).toHaveLength(1);
  });

  it('lists operations, faults and every message when there are few', () => {
    const items = figure.alt.kind === 'list' ? figure.alt.items : [];
    expect(items).toContain('10 ms: c1 invokes write 1 on A; ok at 20 ms.');
    expect(items).toContain('20 ms: c2 invokes write 2 on B; fail: not the leader at 30 ms.');
    expect(items).toContain('120 ms: c2 invokes read on A; unknown at 170 ms.');
    expect(items).toContain('120 ms: c2 → A: op 3 read, dropped (partition).');
    expect(items).toContain('210 ms: A crashes.');
    expect(items).toContain('300 ms: A restarts.');
    expect(items).toContain('15–20 ms: A → B: replicate value=1.');
  });

  it('takes operations from a history when one is given', () => {
    const history = sim.history().filter((op) => op.client === 'c1');
    const withHistory = parseSvg(spaceTimeDiagram(events, { history }).svg);
    expect(byClass(withHistory, 'op')).toHaveLength(2);
  });

  it('keeps to the time window and the lanes asked for', () => {
    const windowed = spaceTimeDiagram(events, { fromMs: 200, toMs: 400, lanes: ['c1', 'A'] });
    const tree = parseSvg(windowed.svg);
    expect(lanesOf(tree)).toEqual(['c1', 'A']);
    expect(byClass(tree, 'op').map((bar) => bar.attrs['class'])).toEqual(['op op-ok']);
    expect(byClass(tree, 'band--partition')).toHaveLength(0);
    const items = windowed.alt.kind === 'list' ? windowed.alt.items : [];
    expect(items[0]).toBe('Lanes from top to bottom: c1 (client), A. Time runs left to right from 200 ms to 400 ms.');
    expect(items.some((item) => item.includes('c2'))).toBe(false);
  });

  it('highlights the given events and dims the rest', () => {
    const timeout = events.find((event) => event.kind === 'timeout')!;
    const slice = sim.trace.causalSlice(timeout.id).map((event) => event.id);
    const tree = parseSvg(spaceTimeDiagram(events, { highlight: slice }).svg);
    // The slice reaches back through B, which had heard A's replication of c1's write before c2's request.
    const highlightedOps = byClass(tree, 'op-group').filter((group) => hasClass(group, 'hl'));
    expect(highlightedOps.map((group) => group.children.find((child) => child.tag === 'title')?.text?.split(':')[0])).toEqual(['write 1 → ok', 'write 2 → fail', 'read → unknown']);
    expect(byClass(tree, 'op-group').filter((group) => hasClass(group, 'dim'))).toHaveLength(1);
    expect(byClass(tree, 'dim').length).toBeGreaterThan(0);
    expect(byClass(tree, 'hl').length).toBeGreaterThan(2);
  });
});

describe('spaceTimeDiagram on long traces', () => {
  const { sim } = runHeartbeats({ seed: 3, healAtMs: 4000, settleMs: 2000 });
  const events = sim.trace.events();

  it('draws at most maxMessages arrows, highlighted first, and says how many it left out', () => {
    const total = events.filter((event) => ['deliver', 'drop'].includes(event.kind)).length;
    const lastDrop = events.filter((event) => event.kind === 'drop').at(-1)!;
    const figure = spaceTimeDiagram(events, { maxMessages: 30, highlight: [lastDrop.id] });
    const tree = parseSvg(figure.svg);
    expect(byClass(tree, 'message')).toHaveLength(30);
    expect(byClass(tree, 'message--dropped').some((drop) => !hasClass(drop, 'dim'))).toBe(true);
    expect(allText(tree)).toContain(`${total - 30} more messages not drawn`);
    const items = figure.alt.kind === 'list' ? figure.alt.items : [];
    expect(items.at(-1)).toBe(`The figure draws 30 of the ${total} messages, highlighted ones first.`);
    expect(items.filter((item) => item.endsWith('(highlighted).'))).toEqual([
      `${lastDrop.sentAt} ms: ${lastDrop.from} → ${lastDrop.to}: ${lastDrop.summary}, dropped (${lastDrop.reason}) (highlighted).`,
    ]);
  });

  it('stays within its byte budget however long the run: 60 KB for a whole long run, 24 KB for a lesson figure', () => {
    const long = runHeartbeats({ seed: 1, healAtMs: 200_000, settleMs: 10_000 }).sim.trace.events();
    expect(long.length).toBeGreaterThan(8000);
    expect(new TextEncoder().encode(spaceTimeDiagram(long).svg).length).toBeLessThan(60 * 1024);
    expect(new TextEncoder().encode(heartbeatTimeline(7).svg).length).toBeLessThan(24 * 1024);
  });

  it('handles a trace longer than a call can take arguments', () => {
    const many = Array.from({ length: 200_000 }, (_, id) => ({ ...events[id % events.length]!, id, time: id }));
    expect(() => spaceTimeDiagram(many, { maxMessages: 10 })).not.toThrow();
  });
});

describe('spaceTimeDiagram escapes untrusted text', () => {
  it('shows a message summary that contains markup as text, never as markup', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    sim.addNode('A', { onStart: (ctx) => ctx.send('B', { type: '<script>alert("x")</script>', note: 'a & b' }) });
    sim.addNode('B', {});
    sim.run({ untilMs: 10 });
    const figure = spaceTimeDiagram(sim.trace.events(), { title: 'Title with <b>tags</b> & "quotes"', lanes: ['A', 'B', '<img onerror=x>'] });
    expect(figure.svg).not.toMatch(/<script|<b>|<img/);
    expect(figure.svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const tree = parseSvg(figure.svg);
    expect(tree.children[0]?.text).toBe('Title with <b>tags</b> & "quotes"');
    expect(allText(tree)).toContain('<script>alert("x")</script> note="a & b"');
    expect(lanesOf(tree)).toEqual(['A', 'B', '<img onerror=x>']);
    // The text alternative is plain text: whoever renders it escapes it (Astro does by default).
    expect(figure.alt.kind === 'list' && figure.alt.items.some((item) => item.includes('<script>alert("x")</script>'))).toBe(true);
  });
});

describe('spaceTimeDiagram on busy clients and network faults', () => {
  function busy() {
    const sim = new Simulation({ seed: 5, trace: true });
    sim.network.setDefault({ latency: { kind: 'uniform', minMs: 1, maxMs: 4 } });
    sim.addNode('A', { onRequest: (ctx, request) => ctx.reply(request, 1) });
    const client = sim.addClient('c1', { timeoutMs: 20 });
    client.closedLoop(() => ({ node: 'A', f: 'read' }), { thinkMs: 2 });
    sim.applyFaultPlan([
      { at: 100, kind: 'loss-burst', rate: 1, durationMs: 50 },
      { at: 300, kind: 'partition', groups: [['c1'], ['A']] },
    ]);
    sim.run({ untilMs: 400 });
    return sim;
  }
  const sim = busy();
  const figure = spaceTimeDiagram(sim.trace.events(), { maxOperations: 10 });
  const tree = parseSvg(figure.svg);
  const items = figure.alt.kind === 'list' ? figure.alt.items : [];

  it('draws and lists at most maxOperations operations, and counts every outcome', () => {
    const history = sim.history();
    expect(history.length).toBeGreaterThan(10);
    expect(byClass(tree, 'op')).toHaveLength(10);
    expect(items.filter((item) => item.includes(' c1 invokes '))).toHaveLength(10);
    const counts = (['ok', 'unknown', 'pending'] as const).map((outcome) => [outcome, history.filter((op) => op.outcome === outcome).length] as const);
    const inAll = counts.filter(([, count]) => count > 0).map(([outcome, count]) => `${count} ${outcome}`).join(', ');
    expect(items).toContain(`The figure draws and lists 10 of the ${history.length} client operations; in all: ${inAll}.`);
    expect(allText(tree)).toContain(`${history.length - 10} more operations not drawn`);
  });

  it('shades a loss burst for its duration and a partition that never healed up to the end', () => {
    const network = byClass(tree, 'band--network');
    expect(network).toHaveLength(1);
    expect(network[0]!.children.find((child) => child.tag === 'title')?.text).toBe('loss burst 100% for 50ms: 100–150 ms');
    const partition = byClass(tree, 'band--partition');
    expect(allText(partition[0]!)).toContain('partition {c1} | {A} (not healed)');
    expect(items).toContain('300 ms: partition {c1} | {A} (still in force at the end).');
  });

  it('draws an operation still waiting at the end as pending', () => {
    expect(sim.history().at(-1)?.outcome).toBe('pending');
    const last = spaceTimeDiagram(sim.trace.events(), { fromMs: 300 });
    expect(byClass(parseSvg(last.svg), 'op').at(-1)?.attrs['class']).toBe('op op-pending');
    expect((last.alt.kind === 'list' ? last.alt.items : []).some((item) => item.endsWith('still pending at the end.'))).toBe(true);
  });
});

describe('spaceTimeDiagram on drops', () => {
  /** A sends to B every 10 ms; the link loses the 3rd message, and B is down from 25 to 45 ms. */
  function dropsScenario() {
    const sim = new Simulation({ seed: 3, trace: true });
    sim.network.setDefault({ latency: { kind: 'constant', ms: 4 } });
    let sent = 0;
    sim.addNode('A', {
      onStart: (ctx) => void ctx.setTimer(10, 'tick'),
      onTimer: (ctx) => {
        sent += 1;
        if (sent === 3) sim.network.setLink('A', 'B', { latency: { kind: 'constant', ms: 4 }, loss: 1 });
        if (sent === 4) sim.network.setLink('A', 'B', { latency: { kind: 'constant', ms: 4 }, loss: 0 });
        ctx.send('B', { type: 'ping', n: sent });
        ctx.setTimer(10, 'tick');
      },
    });
    sim.addNode('B', {});
    sim.at(25, 'crash B', () => sim.crash('B'));
    sim.at(45, 'restart B', () => sim.restart('B'));
    sim.run({ untilMs: 60 });
    return sim;
  }

  it('ends a message the receiver refused on its lane, and stops a lost one partway', () => {
    const events = dropsScenario().trace.events();
    const reasons = events.filter((event) => event.kind === 'drop').map((event) => event.reason);
    expect(reasons).toContain('loss');
    expect(reasons).toContain('B is down');
    const svg = parseSvg(spaceTimeDiagram(events, { title: 'Drops' }).svg);
    const laneY = (lane: string) => {
      const group = descendants(svg).find((node) => node.attrs['data-lane'] === lane)!;
      return Number(byClass(group, 'lane')[0]!.attrs['y1']);
    };
    const endY = (drop: ReturnType<typeof parseSvg>) => Number(/L[\d.]+ ([\d.]+)$/.exec(byClass(drop, 'msg-drop')[0]!.attrs['d']!)![1]);
    const drops = byClass(svg, 'message--dropped');
    const titled = (pattern: RegExp) => drops.filter((drop) => pattern.test(drop.children.find((child) => child.tag === 'title')?.text ?? ''));
    const refused = titled(/dropped: B is down$/);
    const lost = titled(/dropped: loss$/);
    expect(refused.length).toBeGreaterThan(0);
    expect(lost).toHaveLength(1);
    for (const drop of refused) expect(endY(drop)).toBe(laneY('B'));
    expect(endY(lost[0]!)).toBeGreaterThan(laneY('A'));
    expect(endY(lost[0]!)).toBeLessThan(laneY('B'));
  });
});

describe('a space-time diagram a page steps through', () => {
  it('tags each drawn message, mark and operation with its event ids, and the figure with its time axis', () => {
    const events = clientScenario().trace.events();
    const stepped = spaceTimeDiagram(events, { eventIds: true, width: 600 }).svg;
    expect(stepped).toMatch(/<svg [^>]*data-time-axis="0 350 48 582"/);
    const tagged = [...stepped.matchAll(/data-events="([\d ]+)"/g)].map((match) => match[1]!.split(' ').map(Number));
    const ids = new Set(events.map((event) => event.id));
    expect(tagged.length).toBeGreaterThan(10);
    for (const group of tagged) for (const id of group) expect(ids.has(id)).toBe(true);
    const crash = events.find((event) => event.kind === 'crash')!;
    expect(tagged.some((group) => group.includes(crash.id))).toBe(true);
    const invoke = events.find((event) => event.kind === 'invoke')!;
    expect(tagged.some((group) => group.includes(invoke.id))).toBe(true);
    const partition = events.find((event) => event.kind === 'partition')!;
    expect(tagged.some((group) => group.includes(partition.id))).toBe(true);
  });

  it('is not tagged unless asked, so lesson figures stay as they were', () => {
    const plain = spaceTimeDiagram(clientScenario().trace.events()).svg;
    expect(plain).not.toContain('data-events');
    expect(plain).not.toContain('data-time-axis');
  });
});
