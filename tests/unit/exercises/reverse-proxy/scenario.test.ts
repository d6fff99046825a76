import { describe, expect, it } from 'vitest';
import {
  acceptsGzip,
  cacheHitShare,
  cacheLifetimeMs,
  cacheMisuses,
  fakeGzip,
  forClient,
  formatMistakes,
  needlessFetches,
  proxyRun,
  proxySituations,
  type HttpRequest,
  type HttpResponse,
  type MakeProxyPolicy,
} from '../../../../exercises/reverse-proxy/scenario.ts';

const get = (url: string, headers: Record<string, string> = {}): HttpRequest => ({ method: 'GET', url, headers });
const ok = (cacheControl: string | null, status = 200): HttpResponse => ({ status, headers: cacheControl === null ? {} : { 'cache-control': cacheControl }, body: 'page' });

/** The contract, keyed by URL: the scenario's judges must find nothing wrong with it. */
const contractPolicy: MakeProxyPolicy = (gzip) => {
  const cache = new Map<string, { response: HttpResponse; until: number }>();
  return {
    lookup(request, now) {
      const entry = request.method === 'GET' ? cache.get(request.url) : undefined;
      return entry !== undefined && now < entry.until ? forClient(request, entry.response, gzip) : null;
    },
    respond(request, response, now) {
      const lifetime = cacheLifetimeMs(request, response);
      if (lifetime !== null) cache.set(request.url, { response, until: now + lifetime });
      return forClient(request, response, gzip);
    },
  };
};

describe('the reverse-proxy contract', () => {
  it('keeps GET 200 responses with a max-age or no-cache, never no-store or private; no-cache and max-age=0 are never fresh', () => {
    expect(cacheLifetimeMs(get('/a'), ok('public, max-age=60'))).toBe(60_000);
    expect(cacheLifetimeMs(get('/a'), ok('Public, Max-Age=5'))).toBe(5000);
    expect(cacheLifetimeMs(get('/a'), ok('max-age=60, no-cache'))).toBe(0);
    expect(cacheLifetimeMs(get('/a'), ok('no-cache'))).toBe(0);
    expect(cacheLifetimeMs(get('/a'), ok('max-age=0'))).toBe(0);
    for (const cacheControl of ['no-store', 'private, max-age=60', 'no-cache, no-store', 'public', null]) {
      expect(cacheLifetimeMs(get('/a'), ok(cacheControl)), String(cacheControl)).toBe(null);
    }
    expect(cacheLifetimeMs({ ...get('/a'), method: 'POST' }, ok('max-age=60'))).toBe(null);
    expect(cacheLifetimeMs(get('/a'), ok('max-age=60', 404))).toBe(null);
  });

  it('reads Accept-Encoding as a list of codings with optional weights', () => {
    expect(['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.8', 'GZIP', 'br, *', 'gzip; Q=0.001'].map((value) => acceptsGzip(get('/', { 'accept-encoding': value })))).toEqual([true, true, true, true, true, true]);
    expect(['identity', 'deflate, br', 'x-gzipped', 'gzip;q=0', 'br, gzip;q=0.000', '*, gzip;q=0', '*;q=0'].map((value) => acceptsGzip(get('/', { 'accept-encoding': value })))).toEqual([false, false, false, false, false, false, false]);
    expect(acceptsGzip(get('/'))).toBe(false);
  });

  it('strips internal headers and gzips for clients that accept it', () => {
    const response: HttpResponse = { status: 200, headers: { 'content-type': 'text/html', server: 'nginx', 'x-powered-by': 'Express', 'x-internal-id': '7', 'x-request-id': 'r1' }, body: 'hi' };
    expect(forClient(get('/'), response)).toEqual({ status: 200, headers: { 'content-type': 'text/html', 'x-request-id': 'r1', vary: 'accept-encoding' }, body: 'hi' });
    expect(forClient(get('/'), { ...response, headers: { vary: 'Cookie' } }).headers).toEqual({ vary: 'Cookie, accept-encoding' });
    expect(forClient(get('/'), { ...response, headers: { vary: 'Accept-Encoding' } }).headers).toEqual({ vary: 'Accept-Encoding' });
    expect(forClient(get('/', { 'accept-encoding': 'gzip' }), response)).toEqual({
      status: 200,
      headers: { 'content-type': 'text/html', 'x-request-id': 'r1', vary: 'accept-encoding', 'content-encoding': 'gzip' },
      body: fakeGzip('hi'),
    });
  });
});

describe('seeded traffic through a reverse proxy', () => {
  it('finds nothing wrong with a proxy that follows the contract, which answers most GETs itself', () => {
    for (const seed of [1, 2, 3]) {
      const run = proxyRun({ makePolicy: contractPolicy }, seed);
      expect(run.exchanges.length).toBeGreaterThan(200);
      expect([cacheMisuses(run), formatMistakes(run), needlessFetches(run)]).toEqual([[], [], []]);
      expect(cacheHitShare(run)).toBeGreaterThan(0.5);
      for (const [situation, count] of Object.entries(proxySituations(run))) expect(count, situation).toBeGreaterThan(0);
    }
  });

  it('catches a pass-through proxy: every answer leaks headers, and the origin gets every GET', () => {
    const run = proxyRun({ makePolicy: () => ({ lookup: () => null, respond: (_request, response) => response }) }, 1);
    expect(cacheHitShare(run)).toBe(0);
    expect(formatMistakes(run).length).toBe(run.exchanges.length);
    expect(formatMistakes(run)[0]!.sentence).toContain('x-internal-backend');
    expect(needlessFetches(run).length).toBeGreaterThan(50);
    expect(cacheMisuses(run)).toEqual([]);
  });

  it("catches a cache that keeps everything: users get others' private pages and cached answers to POSTs", () => {
    const keepAll: MakeProxyPolicy = (gzip) => {
      const cache = new Map<string, HttpResponse>();
      return {
        lookup: (request) => (cache.has(request.url) ? forClient(request, cache.get(request.url)!, gzip) : null),
        respond: (request, response) => (cache.set(request.url, response), forClient(request, response, gzip)),
      };
    };
    const sentences = cacheMisuses(proxyRun({ makePolicy: keepAll }, 2)).map((problem) => problem.sentence);
    expect(sentences.some((sentence) => /bob got (alice|carol|dave)'s page/.test(sentence))).toBe(true);
    expect(sentences.some((sentence) => sentence.includes('the origin never saw this POST'))).toBe(true);
    expect(sentences.some((sentence) => sentence.endsWith('a stale copy'))).toBe(true);
  });

  it('names an answer that is not a response, or a body the origin never sent', () => {
    const run = proxyRun({ makePolicy: () => ({ lookup: () => null, respond: () => ({ status: 200, headers: {}, body: 'made up' }) }) }, 1);
    expect(cacheMisuses(run)[0]!.sentence).toContain('with the body "made up", which the origin never sent');
    const broken = proxyRun({ makePolicy: () => ({ lookup: () => null, respond: () => 'hello' }) }, 1);
    expect(cacheMisuses(broken)[0]!.sentence).toContain('with "hello", not a response { status, headers, body }');
  });

  it('is deterministic: the same seed gives the same run', () => {
    expect(proxyRun({ makePolicy: contractPolicy }, 5).sim.fingerprint()).toBe(proxyRun({ makePolicy: contractPolicy }, 5).sim.fingerprint());
  });
});
