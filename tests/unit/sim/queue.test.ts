import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, SimEvent } from '../../../src/sim/queue.ts';

function event(time: number, label: string): SimEvent {
  const e = new SimEvent();
  e.time = time;
  e.label = label;
  return e;
}

/** Times near each other (the wheel) and far apart (the heap beyond it, wrap-around of the wheel). */
const delay = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(4095, 4096, 4097, 8192));

describe('EventQueue', () => {
  it('pops in (time, insertion order) order, ties in insertion order', () => {
    fc.assert(
      fc.property(fc.array(delay, { maxLength: 300 }), (times) => {
        const queue = new EventQueue();
        times.forEach((time, i) => queue.push(event(time, String(i))));
        const popped: string[] = [];
        for (let e = queue.pop(); e !== undefined; e = queue.pop()) popped.push(e.label);
        // Reference: a stable sort by time keeps insertion order for ties.
        const expected = times.map((time, i) => ({ time, i })).sort((a, b) => a.time - b.time).map((x) => String(x.i));
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('keeps order when pushes (never before the last popped time) and pops interleave', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(delay, fc.constant(-1)), { maxLength: 400 }), (ops) => {
        const queue = new EventQueue();
        const reference: { time: number; seq: number }[] = [];
        let seq = 0;
        let now = 0;
        for (const op of ops) {
          if (op >= 0) {
            queue.push(event(now + op, ''));
            reference.push({ time: now + op, seq: seq++ });
          } else {
            reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
            const want = reference.shift();
            const got = queue.pop();
            expect(got === undefined ? undefined : { time: got.time, seq: got.seq }).toEqual(want);
            if (got !== undefined) now = got.time;
          }
          expect(queue.size).toBe(reference.length);
          const head = [...reference].sort((a, b) => a.time - b.time || a.seq - b.seq)[0];
          expect(queue.peek()?.seq).toBe(head?.seq);
        }
      }),
    );
  });

  it('refuses an event before the last popped time (the simulation never asks for one)', () => {
    const queue = new EventQueue();
    queue.push(event(10, ''));
    queue.pop();
    expect(() => queue.push(event(9, ''))).toThrow(/event at t=9ms queued after t=10ms was processed/);
  });
});
