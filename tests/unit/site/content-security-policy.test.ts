import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GRADER_WORKER_DIR, GRADER_WORKER_POLICY, headersFile, inlineScriptHashes, withPolicyMeta } from '../../../src/site/build/content-security-policy.ts';

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

describe('inlineScriptHashes', () => {
  it('hashes the exact text of classic and module inline scripts, once each', () => {
    const theme = "\n\twindow.theme = 'dark';\n";
    const html = `<script>${theme}</script><script type="module">import './a.js';</script><script>${theme}</script>`;
    expect(inlineScriptHashes(html)).toEqual([sha256(theme), sha256("import './a.js';")]);
  });

  it('skips scripts loaded from a file and inert data blocks', () => {
    const html = '<script type="module" src="/_astro/page.js"></script><script type="application/json" data-part="data">{"id":"x"}</script>';
    expect(inlineScriptHashes(html)).toEqual([]);
  });
});

describe('withPolicyMeta', () => {
  it('puts the policy right after the charset, before every script, listing the page\'s inline scripts', () => {
    const html = '<!DOCTYPE html><html><head><meta charset="utf-8"/><script>a()</script></head><body><script type="module">b()</script></body></html>';
    const result = withPolicyMeta(html);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(result);
    expect(meta).not.toBeNull();
    expect(result.indexOf(meta![0])).toBe(result.indexOf('<meta charset="utf-8"/>') + '<meta charset="utf-8"/>'.length);
    expect(meta![1]).toContain(`script-src 'self' 'wasm-unsafe-eval' '${sha256('a()')}' '${sha256('b()')}';`);
    expect(meta![1]).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  });

  it('refuses a page without a head instead of shipping it without a policy', () => {
    expect(() => withPolicyMeta('<p>fragment</p>')).toThrow(/no <head>/);
  });
});

describe('headersFile', () => {
  it("gives 'unsafe-eval' to the grading worker's folder only", () => {
    const text = headersFile();
    const rules = text.split('\n\n').map((block) => block.trim());
    const worker = rules.find((rule) => rule.includes(`/${GRADER_WORKER_DIR}/*`))!;
    expect(worker).toContain(`Content-Security-Policy: ${GRADER_WORKER_POLICY}`);
    expect(text.match(/'unsafe-eval'/g)).toHaveLength(1);
  });

  it('lets no cache answer for the service worker, so a new version is found on the next visit', () => {
    const rules = headersFile().split('\n\n').map((block) => block.trim());
    expect(rules.find((rule) => rule.startsWith('/sw.js'))).toContain('Cache-Control: no-cache');
  });
});
