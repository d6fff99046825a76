// A loop over failures that checks only the busiest survivor (the top two loads), instead of every survivor with every().
export function survivesOneFailure(loads: number[], capacity: number): boolean {
  const n = loads.length;
  if (n < 2) return false;
  for (let failed = 0; failed < n; failed++) {
    let busiestSurvivor = -Infinity;
    for (let server = 0; server < n; server++) {
      if (server !== failed && loads[server]! > busiestSurvivor) busiestSurvivor = loads[server]!;
    }
    if (busiestSurvivor + loads[failed]! / (n - 1) > capacity) return false;
  }
  return true;
}
