/**
 * Which directions a partition cuts: one bit per (from, to) pair of endpoint indexes. Partitions add up
 * until `clear` (a heal); the engine checks a message against it when sent and again when it arrives.
 */
export class PartitionMatrix {
  /** blocked[from][to] = 1 while that direction is cut. Rows are created on first block. */
  private readonly blocked: Uint8Array[] = [];

  isBlocked(from: number, to: number): boolean {
    const row = this.blocked[from];
    return row !== undefined && row[to] === 1;
  }

  block(from: number, to: number): void {
    let row = this.blocked[from];
    if (row === undefined || row.length <= to) {
      const wider = new Uint8Array(Math.max(to + 1, 2 * (row?.length ?? 8)));
      if (row !== undefined) wider.set(row);
      row = wider;
      this.blocked[from] = row;
    }
    row[to] = 1;
  }

  clear(): void {
    for (const row of this.blocked) row?.fill(0);
  }
}
