/** Where the built site serves its service worker (written by src/site/build/service-worker.ts). */
export const SERVICE_WORKER_URL = '/sw.js';
