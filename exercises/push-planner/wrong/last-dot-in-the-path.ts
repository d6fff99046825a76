// Wrong on purpose: looks for the extension in the whole path, so a dot in a folder name or a leading dot is taken for one.
export const CDN_ORIGIN = 'https://cdn.example.com/';

export interface PushPlan {
  upload: { path: string; url: string }[];
  rewrite: Record<string, string>;
  unused: string[];
}

export function cdnUrl(path: string, hash: string): string {
  const dot = path.lastIndexOf('.');
  const short = hash.slice(0, 8);
  const hashed = dot >= 0 ? `${path.slice(0, dot)}.${short}${path.slice(dot)}` : `${path}.${short}`;
  return `${CDN_ORIGIN}${hashed}`;
}

export function planPush(local: Record<string, string>, cdn: readonly string[]): PushPlan {
  const onCdn = new Set(cdn);
  const rewrite: Record<string, string> = {};
  const upload: { path: string; url: string }[] = [];
  for (const path of Object.keys(local).sort()) {
    const url = cdnUrl(path, local[path]!);
    rewrite[path] = url;
    // A URL names one exact content: if it is there, the file is there, unchanged.
    if (!onCdn.has(url)) upload.push({ path, url });
  }
  const used = new Set(Object.values(rewrite));
  const unused = cdn.filter((url) => !used.has(url)).sort();
  return { upload, rewrite, unused };
}
