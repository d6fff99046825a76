// Splits the file name with a regular expression and builds the plan with map/filter passes and a Map of URLs, instead of index arithmetic and one loop.
export const CDN_ORIGIN = 'https://cdn.example.com/';

export interface PushPlan {
  upload: { path: string; url: string }[];
  rewrite: Record<string, string>;
  unused: string[];
}

export function cdnUrl(path: string, hash: string): string {
  const [, folder = '', name = ''] = /^([\s\S]*\/)?([^/]*)$/.exec(path) ?? [];
  // A stem of at least one character, then the last dot and what follows it.
  const split = /^([\s\S]+)(\.[^.]*)$/.exec(name);
  const short = hash.substring(0, 8);
  const file = split === null ? `${name}.${short}` : `${split[1]}.${short}${split[2]}`;
  return CDN_ORIGIN + folder + file;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function planPush(local: Record<string, string>, cdn: readonly string[]): PushPlan {
  const urls = new Map(Object.entries(local).map(([path, hash]) => [path, cdnUrl(path, hash)] as const));
  const uploaded = new Set(cdn);
  const wanted = new Set(urls.values());
  const upload = [...urls]
    .filter(([, url]) => !uploaded.has(url))
    .sort(([a], [b]) => byString(a, b))
    .map(([path, url]) => ({ path, url }));
  return {
    upload,
    rewrite: Object.fromEntries(urls),
    unused: cdn.filter((url) => !wanted.has(url)).sort(byString),
  };
}
