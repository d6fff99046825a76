/**
 * The event queue, keyed by (time, seq). `seq` is assigned at insertion, and events at the same time
 * always come out in insertion order — by construction, never by luck of a heap's tie-breaking.
 *
 * Most events land a few milliseconds ahead of now, so the queue is a timing wheel: one FIFO list per
 * millisecond for the next WHEEL_SIZE ms (a bitmap finds the next non-empty one), plus a binary heap for
 * events further away. Times are integer milliseconds, so a slot holds exactly one time, and appending
 * to its list keeps insertion order. The invariant that makes ties safe: every event earlier than
 * `base + WHEEL_SIZE` is in the wheel; when `base` moves on, far events that come within reach move
 * from the heap into the wheel (in (time, seq) order) before anything else can be appended behind them.
 */

export class SimEvent {
  time = 0;
  seq = 0;
  /** One of the `EV` codes in event-kinds.ts. */
  kind = 0;
  /** Endpoint index the event happens at. */
  target = -1;
  /** Sender endpoint index for messages. */
  from = -1;
  payload: unknown = undefined;
  /** Timer name or action label. */
  label = '';
  /** Content hash of the message, mixed into the fingerprint. */
  hash = 0;
  sentAt = 0;
  /** The target's incarnation when the event was scheduled (messages and timers of an old incarnation are dropped). */
  incarnation = 0;
  /** Trace id of the event during which this one was scheduled, or -1. */
  cause = -1;
  cancelled = false;
  /** Set once a message has reached its (paused) node: it passed the partition check on arrival. */
  arrived = false;
  /** Kept by someone after processing (a paused node's backlog), so it must not be recycled. */
  retained = false;
  /** The next event in the same wheel slot. */
  next: SimEvent | null = null;
}

const WHEEL_BITS = 12;
const WHEEL_SIZE = 1 << WHEEL_BITS;
const WHEEL_MASK = WHEEL_SIZE - 1;
const WORDS = WHEEL_SIZE >> 5;

export class EventQueue {
  private readonly heads: (SimEvent | null)[] = new Array<SimEvent | null>(WHEEL_SIZE).fill(null);
  private readonly tails: (SimEvent | null)[] = new Array<SimEvent | null>(WHEEL_SIZE).fill(null);
  /** Bit per slot: set when the slot's list is not empty. */
  private readonly occupied = new Int32Array(WORDS);
  /** The wheel covers times [base, base + WHEEL_SIZE); base is the time of the last event popped. */
  private base = 0;
  private inWheel = 0;
  private readonly far = new FarHeap();
  private nextSeq = 0;

  get size(): number {
    return this.inWheel + this.far.size;
  }

  /** Assigns the event its seq and inserts it. Its time must not lie before the last popped event's. */
  push(event: SimEvent): void {
    event.seq = this.nextSeq++;
    if (event.time < this.base) {
      throw new Error(`internal: event at t=${event.time}ms queued after t=${this.base}ms was processed`);
    }
    if (event.time < this.base + WHEEL_SIZE) this.append(event);
    else this.far.push(event);
  }

  peek(): SimEvent | undefined {
    if (this.inWheel === 0) return this.far.peek();
    return this.heads[this.firstSlot()] as SimEvent;
  }

  pop(): SimEvent | undefined {
    if (this.inWheel === 0) {
      const first = this.far.peek();
      if (first === undefined) return undefined;
      this.advance(first.time);
    }
    const slot = this.firstSlot();
    const event = this.heads[slot] as SimEvent;
    const next = event.next;
    this.heads[slot] = next;
    if (next === null) {
      this.tails[slot] = null;
      this.occupied[slot >>> 5] = (this.occupied[slot >>> 5] as number) & ~(1 << (slot & 31));
    }
    event.next = null;
    this.inWheel--;
    if (event.time > this.base) this.advance(event.time);
    return event;
  }

  private append(event: SimEvent): void {
    const slot = event.time & WHEEL_MASK;
    const tail = this.tails[slot];
    if (tail === null || tail === undefined) {
      this.heads[slot] = event;
      this.occupied[slot >>> 5] = (this.occupied[slot >>> 5] as number) | (1 << (slot & 31));
    } else {
      tail.next = event;
    }
    this.tails[slot] = event;
    this.inWheel++;
  }

  /** Moves the window to start at `time`, pulling far events that come within reach into the wheel. */
  private advance(time: number): void {
    this.base = time;
    const far = this.far;
    const horizon = time + WHEEL_SIZE;
    for (let first = far.peek(); first !== undefined && first.time < horizon; first = far.peek()) {
      this.append(far.pop() as SimEvent);
    }
  }

  /** The first non-empty slot at or after base, wrapping around. Only called when the wheel is not empty. */
  private firstSlot(): number {
    const occupied = this.occupied;
    const start = this.base & WHEEL_MASK;
    let word = start >>> 5;
    let bits = (occupied[word] as number) & (-1 << (start & 31));
    // A full turn ends on the first word again, this time with the slots before `start` included.
    for (let scanned = 0; bits === 0; scanned++) {
      if (scanned === WORDS) throw new Error('internal: the wheel was scanned while empty');
      word = (word + 1) & (WORDS - 1);
      bits = occupied[word] as number;
    }
    return (word << 5) + (31 - Math.clz32(bits & -bits));
  }
}

/** A binary min-heap on (time, seq) for events beyond the wheel; keys in typed arrays beside the events. */
class FarHeap {
  private times = new Float64Array(256);
  private seqs = new Float64Array(256);
  private events: (SimEvent | undefined)[] = new Array<SimEvent | undefined>(256);
  private length = 0;

  get size(): number {
    return this.length;
  }

  peek(): SimEvent | undefined {
    return this.length > 0 ? this.events[0] : undefined;
  }

  push(event: SimEvent): void {
    if (this.length === this.times.length) this.grow();
    const { times, seqs, events } = this;
    const time = event.time;
    const seq = event.seq;
    let index = this.length++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = times[parent] as number;
      if (parentTime < time || (parentTime === time && (seqs[parent] as number) < seq)) break;
      times[index] = parentTime;
      seqs[index] = seqs[parent] as number;
      events[index] = events[parent];
      index = parent;
    }
    times[index] = time;
    seqs[index] = seq;
    events[index] = event;
  }

  pop(): SimEvent | undefined {
    if (this.length === 0) return undefined;
    const { times, seqs, events } = this;
    const top = events[0];
    const length = --this.length;
    if (length > 0) {
      const time = times[length] as number;
      const seq = seqs[length] as number;
      const last = events[length];
      let index = 0;
      const half = length >> 1;
      while (index < half) {
        let child = 2 * index + 1;
        let childTime = times[child] as number;
        const right = child + 1;
        if (right < length) {
          const rightTime = times[right] as number;
          if (rightTime < childTime || (rightTime === childTime && (seqs[right] as number) < (seqs[child] as number))) {
            child = right;
            childTime = rightTime;
          }
        }
        if (time < childTime || (time === childTime && seq < (seqs[child] as number))) break;
        times[index] = childTime;
        seqs[index] = seqs[child] as number;
        events[index] = events[child];
        index = child;
      }
      times[index] = time;
      seqs[index] = seq;
      events[index] = last;
    }
    events[length] = undefined;
    return top;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
    this.events.length = capacity;
  }
}
