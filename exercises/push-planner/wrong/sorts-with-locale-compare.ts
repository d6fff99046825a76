// Wrong on purpose: sorts paths and URLs with localeCompare, which follows a language's rules (a capital beside its small letter), not plain string order.
export const CDN_ORIGIN = 'https://cdn.example.com/';

export interface PushPlan {
  upload: { path: string; url: string }[];
  rewrite: Record<string, string>;
  unused: string[];
}

export function cdnUrl(path: string, hash: string): string {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  // Only a dot in the file name starts an extension; a leading dot (".well-known") does not.
  const dot = name.lastIndexOf('.');
  const short = hash.slice(0, 8);
  const hashed = dot > 0 ? `${name.slice(0, dot)}.${short}${name.slice(dot)}` : `${name}.${short}`;
  return `${CDN_ORIGIN}${dir}${hashed}`;
}

export function planPush(local: Record<string, string>, cdn: readonly string[]): PushPlan {
  const onCdn = new Set(cdn);
  const rewrite: Record<string, string> = {};
  const upload: { path: string; url: string }[] = [];
  for (const path of Object.keys(local).sort((a, b) => a.localeCompare(b))) {
    const url = cdnUrl(path, local[path]!);
    rewrite[path] = url;
    // A URL names one exact content: if it is there, the file is there, unchanged.
    if (!onCdn.has(url)) upload.push({ path, url });
  }
  const used = new Set(Object.values(rewrite));
  const unused = cdn.filter((url) => !used.has(url)).sort((a, b) => a.localeCompare(b));
  return { upload, rewrite, unused };
}
