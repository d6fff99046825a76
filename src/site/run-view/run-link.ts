/**
 * A link to one failing run: the exercise, the test, the seed and the code that failed it, compressed into the
 * URL's fragment. The fragment never reaches a server, so the code leaves the browser only if the learner
 * shares the link. Opening one grades that code again, which draws the same run: a run depends only on the
 * code and the seed. Everything read from a link is checked before use, since anyone can write one.
 */
import * as z from 'zod/mini';
import { RUN_LINK_PREFIX } from './run-link-prefix.ts';

/** Bumped when the shape changes; an older or newer link is refused with a sentence, never misread. */
const LINK_VERSION = 1;

/** Code longer than this is not put in a link (no exercise's answer comes near it). */
export const MAX_LINK_CODE_CHARS = 100_000;

const runLink = z.object({
  v: z.literal(LINK_VERSION),
  exercise: z.string().check(z.minLength(1), z.maxLength(200)),
  test: z.string().check(z.minLength(1), z.maxLength(400)),
  seed: z.int(),
  code: z.string().check(z.maxLength(MAX_LINK_CODE_CHARS)),
});
export type RunLink = Omit<z.infer<typeof runLink>, 'v'>;

export type ReadLink = { readonly ok: true; readonly link: RunLink } | { readonly ok: false; readonly problem: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** The fragment (`#run=…`) for a link to this run. */
export async function runLinkFragment(link: RunLink): Promise<string> {
  if (link.code.length > MAX_LINK_CODE_CHARS) throw new Error(`the code is longer than ${MAX_LINK_CODE_CHARS.toLocaleString('en')} characters`);
  const json = JSON.stringify({ v: LINK_VERSION, ...link });
  const packed = await transform(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return `${RUN_LINK_PREFIX}${toBase64Url(packed)}`;
}

/** Reads the run link in `hash`; a problem says in one sentence why it cannot be used. */
export async function readRunLink(hash: string): Promise<ReadLink> {
  if (!hash.startsWith(RUN_LINK_PREFIX)) return { ok: false, problem: 'This address holds no link to a run.' };
  let json: unknown;
  try {
    const bytes = await transform(fromBase64Url(hash.slice(RUN_LINK_PREFIX.length)), new DecompressionStream('deflate-raw'));
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, problem: 'The link to a run is damaged (it may have been cut when it was copied), so it cannot be opened. Ask for the link again.' };
  }
  const parsed = runLink.safeParse(json);
  if (!parsed.success) {
    const version = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['v'] : undefined;
    return version !== LINK_VERSION
      ? { ok: false, problem: 'The link to a run was made by another version of the course, so it cannot be opened here.' }
      : { ok: false, problem: 'The link to a run does not hold what a run link holds, so it cannot be opened.' };
  }
  const { v: _version, ...link } = parsed.data;
  return { ok: true, link };
}
