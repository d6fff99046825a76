/** Every CDN URL starts with this. */
export const CDN_ORIGIN = 'https://cdn.example.com/';

export interface PushPlan {
  /** Files to upload, sorted by path. */
  upload: { path: string; url: string }[];
  /** Every local path → its CDN URL, for rewriting the pages' links. */
  rewrite: Record<string, string>;
  /** URLs on the CDN this release no longer links to, sorted. */
  unused: string[];
}

/** The content-addressed URL of a file: the first 8 hex digits of its hash go before its extension. */
export function cdnUrl(path: string, hash: string): string {
  return CDN_ORIGIN + path;
}

/** What to push: `local` maps each path of the new build to its content hash; `cdn` lists the URLs already uploaded. */
export function planPush(local: Record<string, string>, cdn: readonly string[]): PushPlan {
  return { upload: [], rewrite: {}, unused: [] };
}
