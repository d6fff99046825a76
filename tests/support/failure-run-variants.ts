/**
 * For each exercise with a simulated test, a wrong variant whose failure records its run (the run view
 * draws it). The e2e suite drives each in Chromium; a unit test grades each in Node and checks that it
 * still fails with a run, so this list cannot go stale.
 */
export const failureRunVariants: Readonly<Record<string, string>> = {
  'abd-register': 'no-write-back.ts',
  'availability-math': 'parallel-multiplies.ts',
  'backoff-jitter': 'no-jitter.ts',
  batcher: 'clears-the-flushed-array.ts',
  'cache-fill-race': 'fills-blindly.ts',
  'cap-register': 'ap-refuses-without-majority.ts',
  'capacity-headroom': 'survivors-at-full-capacity.ts',
  'choose-promotion': 'promotes-without-draining.ts',
  'circuit-breaker': 'calls-while-open.ts',
  'discovery-client': 'no-eviction.ts',
  'edge-cache': 'fetches-on-every-miss.ts',
  'email-outbox': 'sends-then-records.ts',
  'fenced-store': 'no-fencing.ts',
  gcounter: 'merge-adds.ts',
  'health-checked-rr': 'one-check-too-late.ts',
  'heartbeat-slo': 'forgets-the-due-beat.ts',
  'idempotent-handler': 'marks-before-running.ts',
  'interval-scheduler': 'catches-up.ts',
  'job-queue': 'leases-never-expire.ts',
  'least-connections': 'least-loaded-on-stale-counts.ts',
  'quorum-overlap': 'write-groups-need-not-meet.ts',
  'read-router': 'ignores-own-writes.ts',
  'request-path-latency': 'assumes-symmetric-links.ts',
  'retry-budget': 'retries-at-once-without-budget.ts',
  'reverse-proxy': 'caches-compressed.ts',
  'scaling-efficiency': 'restarts-from-the-block-start.ts',
  'service-registry': 'lease-counts-from-registration.ts',
  'skewed-clocks': 'no-increment.ts',
  'stale-reads': 'initial-value-never-stale.ts',
  'standby-monitor': 'fixed-three-beats.ts',
  'version-vectors': 'first-difference-decides.ts',
};
