// Majorities both ways: three replicas for every write and every read, so reads ask one replica more than the solution's and writes one fewer.
const MAJORITY = Math.floor(5 / 2) + 1;

export function quorumSizes(): { w: number; r: number } {
  return { w: MAJORITY, r: MAJORITY };
}
