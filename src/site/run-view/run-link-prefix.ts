/**
 * How a link to a run begins (`#run=…`, see run-link.ts): on its own, so a page can tell a run link is there
 * without loading the code that reads one.
 */
export const RUN_LINK_PREFIX = '#run=';
