/** Event kinds in the queue (not the same as trace kinds: some events record nothing, some several rows). */
export const EV = {
  start: 0, message: 1, request: 2, reply: 3, timer: 4, fault: 5, action: 6, clientNext: 7, clientTimeout: 8, burstEnd: 9,
} as const;
