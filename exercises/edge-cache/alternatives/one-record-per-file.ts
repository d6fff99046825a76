// One record per file in a plain object (its copy's expiry time and an in-flight flag) instead of a Map of copies and a Set of fetches.
export type Lookup = { kind: 'hit'; body: string } | { kind: 'fetch' } | { kind: 'wait' };

interface FileState {
  body?: string;
  expiresAt: number;
  inFlight: boolean;
}

export class EdgeCache {
  private readonly files: Record<string, FileState> = Object.create(null);

  private readonly ttlMs: number;

  constructor(ttlMs: number) {
    this.ttlMs = ttlMs;
  }

  private stateOf(key: string): FileState {
    return (this.files[key] ??= { expiresAt: -Infinity, inFlight: false });
  }

  lookup(key: string, now: number): Lookup {
    const file = this.stateOf(key);
    if (file.body !== undefined && now < file.expiresAt) return { kind: 'hit', body: file.body };
    if (file.inFlight) return { kind: 'wait' };
    file.inFlight = true;
    return { kind: 'fetch' };
  }

  fill(key: string, body: string, now: number): void {
    const file = this.stateOf(key);
    file.body = body;
    file.expiresAt = now + this.ttlMs;
    file.inFlight = false;
  }
}
