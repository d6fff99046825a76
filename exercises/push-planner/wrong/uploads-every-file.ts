// Wrong on purpose: uploads the whole build on every push, whether or not the CDN already holds it.
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
  const rewrite: Record<string, string> = {};
  const upload: { path: string; url: string }[] = [];
  for (const path of Object.keys(local).sort()) {
    const url = cdnUrl(path, local[path]!);
    rewrite[path] = url;
    upload.push({ path, url });
  }
  const used = new Set(Object.values(rewrite));
  const unused = cdn.filter((url) => !used.has(url)).sort();
  return { upload, rewrite, unused };
}
