import { defineTests, test, expect, sharedRuns, violationFor, checkAgainstReference, fc, sameData, show as showValue, type Answer } from '../../src/testkit/index.ts';
import {
  cacheHitShare,
  cacheMisuses,
  fakeGzip,
  formatMistakes,
  needlessFetches,
  proxyRun,
  proxySituations,
  type HttpRequest,
  type HttpResponse,
  type ProxyProblem,
  type ProxyRun,
} from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;
type Proxy = InstanceType<Learner['ReverseProxy']>;

const SEEDS = [2, 3];

const get = (url: string, headers: Record<string, string> = {}): HttpRequest => Object.freeze({ method: 'GET', url, headers: Object.freeze({ ...headers }) });
const post = (url: string, body: string): HttpRequest => Object.freeze({ method: 'POST', url, headers: Object.freeze({}), body });

/** What the origin sends: the page's own headers plus the ones that describe the servers behind the proxy. */
function fromOrigin(body: string, cacheControl: string | null, status = 200): HttpResponse {
  const headers: Record<string, string> = { 'content-type': 'text/html', server: 'nginx/1.25.3', 'x-powered-by': 'Express', 'x-internal-backend': 'app-2', 'x-request-id': 'r42' };
  if (cacheControl !== null) headers['cache-control'] = cacheControl;
  return Object.freeze({ status, headers: Object.freeze(headers), body });
}

/** The same response as the client must get it (internal headers gone, Vary added, gzipped when asked). */
function toClient(body: string, cacheControl: string | null, gzipped = false, status = 200): HttpResponse {
  const headers: Record<string, string> = { 'content-type': 'text/html', 'x-request-id': 'r42', vary: 'accept-encoding' };
  if (cacheControl !== null) headers['cache-control'] = cacheControl;
  if (gzipped) headers['content-encoding'] = 'gzip';
  return { status, headers, body: gzipped ? fakeGzip(body) : body };
}

const show = (request: HttpRequest) => `${request.method} ${request.url}${Object.keys(request.headers).length === 0 ? '' : ` ${JSON.stringify(request.headers)}`}`;

/** A proxy, and a log of the calls made on it so far for failure messages. */
function setup(learner: Learner) {
  const proxy: Proxy = new learner.ReverseProxy(fakeGzip);
  const calls: string[] = ['new ReverseProxy(gzip)   // gzip(body) returns "gzip(" + body + ")"'];
  const context = () => `after\n  ${calls.join('\n  ')}\n`;
  return {
    /** A request the proxy must forward: lookup gives null, then the origin's answer goes through respond. */
    miss(request: HttpRequest, origin: HttpResponse, now: number, expected: HttpResponse) {
      calls.push(`lookup(${show(request)}, ${now})`);
      expect(proxy.lookup(request, now), `${context()}lookup must return null: the proxy has no fresh copy it may serve`).toBe(null);
      calls.push(`respond(${show(request)}, ${origin.status} ${JSON.stringify(origin.headers)} "${origin.body}", ${now})`);
      expect(proxy.respond(request, origin, now), `${context()}the answer respond returns`).toEqual(expected);
    },
    /** An origin answer to a request forwarded earlier (two misses for one URL can overlap). */
    late(request: HttpRequest, origin: HttpResponse, now: number, expected: HttpResponse) {
      calls.push(`respond(${show(request)}, ${origin.status} ${JSON.stringify(origin.headers)} "${origin.body}", ${now})   // forwarded earlier`);
      expect(proxy.respond(request, origin, now), `${context()}the answer respond returns`).toEqual(expected);
    },
    /** A request the proxy must answer from its cache. */
    hit(request: HttpRequest, now: number, expected: HttpResponse) {
      calls.push(`lookup(${show(request)}, ${now})`);
      expect(proxy.lookup(request, now), `${context()}lookup must answer from the cache`).toEqual(expected);
    },
  };
}

/** Each run's situations, counted once for the three tests that ask. */
const situationsOf = new WeakMap<ProxyRun, ReturnType<typeof proxySituations>>();

/** Fails unless the run produced the situation a seeded property is about: a property over no cases proves nothing. */
function expectSituations(run: ProxyRun, names: readonly (keyof ReturnType<typeof proxySituations>)[]) {
  const situations = situationsOf.get(run) ?? proxySituations(run);
  situationsOf.set(run, situations);
  for (const name of names) expect(situations[name], `seed ${run.seed}: times the traffic produced "${name}"`).toBeGreaterThan(0);
}

function problem(run: ProxyRun, found: ProxyProblem, property: string): never {
  throw violationFor(run, {
    ok: false,
    property: `${property} Four users browse a small shop through the proxy; ${found.sentence}.`,
    details: [],
    culprits: run.history.filter((op) => found.ops.includes(op.id)),
  });
}

/** One generated step on proxy a or b: a request (looked up, and answered by the origin if forwarded), or the arrival of a slow origin answer. */
interface ProxyStep {
  on: 'a' | 'b';
  /** The request is looked up; if forwarded, the origin answers at once, or (slow) at the proxy's next `arrive`. */
  request: HttpRequest | null;
  origin: HttpResponse;
  slow: boolean;
  now: number;
}

/** One call a replay made: on which proxy, which method, with what; written out as code only for a failure. */
interface ReplayCall {
  readonly on: 'a' | 'b';
  readonly method: 'lookup' | 'respond';
  readonly args: readonly unknown[];
}

/** What one side did: each call, and its answer. */
type Transcript = [call: ReplayCall, answer: unknown][];

const asCode = ({ on, method, args }: ReplayCall): string => `${on}.${method}(${args.map((arg) => showValue(arg)).join(', ')})`;

/**
 * Makes the two proxies and plays the steps: a request is looked up, and one the proxy forwards gets its origin
 * answer through respond, at once or (slow) when a later step on that proxy lets the oldest waiting one arrive.
 */
function replay(ReverseProxy: Learner['ReverseProxy']) {
  return (steps: ProxyStep[]): Transcript => {
    const proxies = { a: new ReverseProxy(fakeGzip), b: new ReverseProxy(fakeGzip) };
    const waiting: Record<'a' | 'b', [HttpRequest, HttpResponse][]> = { a: [], b: [] };
    const transcript: Transcript = [];
    const respond = (on: 'a' | 'b', request: HttpRequest, origin: HttpResponse, now: number) =>
      transcript.push([{ on, method: 'respond', args: [request, origin, now] }, proxies[on].respond(request, origin, now)]);
    for (const { on, request, origin, slow, now } of steps) {
      if (request === null) {
        const arriving = waiting[on].shift();
        if (arriving !== undefined) respond(on, ...arriving, now);
        continue;
      }
      const cached = proxies[on].lookup(request, now);
      transcript.push([{ on, method: 'lookup', args: [request, now] }, cached]);
      if (cached !== null) continue;
      if (slow) waiting[on].push([request, origin]);
      else respond(on, request, origin, now);
    }
    return transcript;
  };
}

/** The calls up to the first answer that differs (the same on both sides until then), and what it should have been. */
function judgeReplay(got: Answer<Transcript>, expected: Answer<Transcript>): string | null {
  if (!('returned' in expected)) return null;
  const made = 'with gzip(body) returning "gzip(" + body + ")", const a = new ReverseProxy(gzip), b = new ReverseProxy(gzip);';
  if ('threw' in got) return `— that is, ${made} and the calls listed — threw: ${got.threw}`;
  const at = expected.returned.findIndex(([, answer], i) => !sameData(got.returned?.[i]?.[1], answer));
  if (at === -1) return null;
  const lines = expected.returned.slice(0, at + 1).map(([call]) => `${asCode(call)};`);
  return `— that is, ${made} ${lines.join(' ')} — should answer ${showValue(expected.returned[at]![1])} to the last call, but yours answered ${showValue(got.returned?.[at]?.[1])}.`;
}

/** What a client may send as Accept-Encoding, weights and `*` included; undefined: no header. */
const ACCEPT = [undefined, '', 'gzip', 'GZIP', 'gzip;q=0', 'gzip; q=0.5', 'br, gzip;q=0', '*', '*;q=0', 'identity', 'deflate, *;q=0.1', '*, gzip;q=0'];
/** What an origin may send as Cache-Control; undefined: no header. */
const CACHE_CONTROL = [undefined, 'max-age=1', 'Max-Age=2', 'public, max-age=0', 'no-cache', 'max-age=5, no-cache', 'no-store', 'no-store, max-age=5', 'MAX-AGE=1,PRIVATE', 'x-max-age=5, max-age=1', ' max-age=2 ', 'public'];
/** What an origin may send as Vary, blank ones included; undefined: no header. */
const VARY = [undefined, '', '  ', 'Accept-Language', 'ACCEPT-ENCODING', 'origin, accept-encoding', '*'];
/** Headers the proxy strips, and look-alikes it keeps. */
const EXTRA_HEADERS = ['server', 'x-powered-by', 'x-internal-db', 'x-internal', 'x-internals', 'x-request-id'];

/**
 * Two proxies side by side and up to 14 steps on either: GETs and other methods for three URLs from clients
 * with every kind of Accept-Encoding, origin answers of several statuses with every kind of Cache-Control and
 * Vary, internal headers and look-alikes, slow answers that arrive after a later request (two misses for one
 * URL overlapping), at times that never go backwards and land often exactly on a whole second after an
 * earlier answer, or 1 ms either side, where a max-age runs out.
 */
const proxyInputs = fc
  .tuple(
    fc.nat(1000),
    fc.array(
      fc.record({
        on: fc.constantFrom<'a' | 'b'>('a', 'b'),
        arrive: fc.constantFrom(false, false, false, true),
        method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'HEAD'),
        url: fc.constantFrom('/a', '/a?v=2', '/b'),
        accept: fc.nat(ACCEPT.length - 1),
        status: fc.constantFrom(200, 200, 200, 203, 404),
        cacheControl: fc.nat(CACHE_CONTROL.length - 1),
        vary: fc.nat(VARY.length - 1),
        extra: fc.subarray(EXTRA_HEADERS),
        slow: fc.boolean(),
        afterMs: fc.constantFrom(0, 0, 1, 999, 1000, 1001, 4999),
      }),
      { maxLength: 14, size: 'max' },
    ),
  )
  .map(([startMs, specs]): [ProxyStep[]] => {
    let now = startMs;
    const steps = specs.map((spec, i): ProxyStep => {
      now += spec.afterMs;
      const accept = ACCEPT[spec.accept];
      const requestHeaders: Record<string, string> = accept === undefined ? {} : { 'accept-encoding': accept };
      const request: HttpRequest = Object.freeze({ method: spec.method, url: spec.url, headers: Object.freeze(requestHeaders) });
      const headers: Record<string, string> = { 'content-type': 'text/html' };
      for (const name of spec.extra) headers[name] = 'backend-2';
      const [cacheControl, vary] = [CACHE_CONTROL[spec.cacheControl], VARY[spec.vary]];
      if (cacheControl !== undefined) headers['cache-control'] = cacheControl;
      if (vary !== undefined) headers['vary'] = vary;
      const origin = Object.freeze({ status: spec.status, headers: Object.freeze(headers), body: `page ${i}` });
      return { on: spec.on, request: spec.arrive ? null : request, origin, slow: spec.slow, now };
    });
    return [steps];
  });

export default defineTests<Learner>((learner) => {
  const runs = sharedRuns((seed) => proxyRun({ makePolicy: (gzip) => new learner.ReverseProxy(gzip) }, seed));

  test('caches a GET 200 with max-age per URL, and serves it until max-age seconds have passed', () => {
    const proxy = setup(learner);
    proxy.miss(get('/styles.css'), fromOrigin('styles v1', 'public, max-age=60'), 1000, toClient('styles v1', 'public, max-age=60'));
    proxy.hit(get('/styles.css'), 1001, toClient('styles v1', 'public, max-age=60'));
    proxy.hit(get('/styles.css'), 60_999, toClient('styles v1', 'public, max-age=60'));
    proxy.miss(get('/styles.css?v=2'), fromOrigin('styles v2', 'public, max-age=60'), 2000, toClient('styles v2', 'public, max-age=60'));
    proxy.miss(get('/styles.css'), fromOrigin('styles v3', 'public, max-age=60'), 61_000, toClient('styles v3', 'public, max-age=60'));
    proxy.hit(get('/styles.css'), 61_001, toClient('styles v3', 'public, max-age=60'));
    proxy.hit(get('/styles.css?v=2'), 61_002, toClient('styles v2', 'public, max-age=60'));
    proxy.miss(get('/products'), fromOrigin('products', 'Public, Max-Age=2'), 5000, toClient('products', 'Public, Max-Age=2'));
    proxy.hit(get('/products'), 6999, toClient('products', 'Public, Max-Age=2'));
    proxy.miss(get('/products'), fromOrigin('products', 'Public, Max-Age=2'), 7000, toClient('products', 'Public, Max-Age=2'));
    // A directive the proxy does not know is ignored, even one whose name ends in max-age.
    proxy.miss(get('/deals'), fromOrigin('deals', 'x-max-age=5, max-age=60'), 8000, toClient('deals', 'x-max-age=5, max-age=60'));
    proxy.hit(get('/deals'), 38_000, toClient('deals', 'x-max-age=5, max-age=60'));
    proxy.miss(get('/deals'), fromOrigin('deals v2', 'x-max-age=5, max-age=60'), 68_000, toClient('deals v2', 'x-max-age=5, max-age=60'));
  });

  test('never serves no-store, no-cache or private responses from the cache, nor other methods than GET, statuses other than 200, or responses without a positive max-age', () => {
    const proxy = setup(learner);
    const uncacheable: [HttpRequest, HttpResponse][] = [
      [get('/cart', { cookie: 'session=alice' }), fromOrigin('cart of alice', 'no-store')],
      [get('/basket', { cookie: 'session=alice' }), fromOrigin('basket of alice', 'no-store, max-age=60')],
      [get('/account', { cookie: 'session=alice' }), fromOrigin('account of alice', 'private, max-age=60')],
      [get('/prices'), fromOrigin('prices', 'max-age=60, no-cache')],
      [post('/graphql', '{ me { name } }'), fromOrigin('result for alice', 'public, max-age=30')],
      [get('/old-page'), fromOrigin('not found', 'max-age=60', 404)],
      [get('/about'), fromOrigin('about us', null)],
      [get('/live'), fromOrigin('live score', 'public, max-age=0')],
    ];
    let now = 1000;
    for (const [request, origin] of uncacheable) {
      proxy.miss(request, origin, now, toClient(origin.body, origin.headers['cache-control'] ?? null, false, origin.status));
      const again = request.method === 'GET' ? get(request.url, { cookie: 'session=bob' }) : post(request.url, '{ deals { title } }');
      proxy.miss(again, fromOrigin(`${origin.body} (again)`, origin.headers['cache-control'] ?? null, origin.status), now + 10, toClient(`${origin.body} (again)`, origin.headers['cache-control'] ?? null, false, origin.status));
      now += 100;
    }
    // The answer to a POST must not be stored for a GET of the same URL either.
    proxy.miss(get('/graphql'), fromOrigin('graphql playground', null), now, toClient('graphql playground', null));
    // Nor may a POST be answered with a GET's cached response.
    proxy.miss(get('/search'), fromOrigin('search page', 'public, max-age=60'), now + 10, toClient('search page', 'public, max-age=60'));
    proxy.miss(post('/search', 'q=socks'), fromOrigin('results for socks', null), now + 20, toClient('results for socks', null));
  });

  test('a no-cache response is kept but never served without asking the origin, so it replaces an older copy', () => {
    const proxy = setup(learner);
    // Two requests for /prices missed together; the origin's answers arrive one after the other.
    proxy.miss(get('/prices'), fromOrigin('prices v1', 'public, max-age=60'), 1000, toClient('prices v1', 'public, max-age=60'));
    proxy.hit(get('/prices'), 1005, toClient('prices v1', 'public, max-age=60'));
    proxy.late(get('/prices'), fromOrigin('prices v2', 'max-age=60, no-cache'), 1010, toClient('prices v2', 'max-age=60, no-cache'));
    // The newest stored response says "ask first", and this proxy never asks: nothing may be served for /prices.
    proxy.miss(get('/prices'), fromOrigin('prices v3', 'public, max-age=60'), 1020, toClient('prices v3', 'public, max-age=60'));
    proxy.hit(get('/prices'), 1030, toClient('prices v3', 'public, max-age=60'));
    // no-store and private may not be kept at all, so the copy before them stays.
    proxy.late(get('/prices', { cookie: 'session=alice' }), fromOrigin('prices for alice', 'private, max-age=60'), 1040, toClient('prices for alice', 'private, max-age=60'));
    proxy.hit(get('/prices'), 1050, toClient('prices v3', 'public, max-age=60'));
  });

  test('strips Server, X-Powered-By and X-Internal-* headers from every response, cached or not', () => {
    const proxy = setup(learner);
    proxy.miss(get('/news'), fromOrigin('news', 'public, max-age=10'), 100, toClient('news', 'public, max-age=10'));
    proxy.hit(get('/news'), 200, toClient('news', 'public, max-age=10'));
    proxy.miss(get('/cart'), fromOrigin('cart', 'no-store'), 300, toClient('cart', 'no-store'));
    const internals = Object.freeze({ ...fromOrigin('help', 'max-age=5'), headers: Object.freeze({ ...fromOrigin('help', 'max-age=5').headers, 'x-internal-db-host': 'db-7.internal', 'x-served-by': 'proxy-1' }) });
    const expected = { ...toClient('help', 'max-age=5'), headers: { ...toClient('help', 'max-age=5').headers, 'x-served-by': 'proxy-1' } };
    proxy.miss(get('/help'), internals, 400, expected);
    proxy.hit(get('/help'), 500, expected);
  });

  test('compresses with gzip exactly when the client accepts it, cached or not, and says Vary: accept-encoding', () => {
    const proxy = setup(learner);
    proxy.miss(get('/news', { 'accept-encoding': 'gzip, deflate, br' }), fromOrigin('news', 'public, max-age=10'), 100, toClient('news', 'public, max-age=10', true));
    proxy.hit(get('/news'), 110, toClient('news', 'public, max-age=10'));
    proxy.hit(get('/news', { 'accept-encoding': 'br;q=1.0, gzip;q=0.8' }), 120, toClient('news', 'public, max-age=10', true));
    proxy.hit(get('/news', { 'accept-encoding': 'deflate, br' }), 130, toClient('news', 'public, max-age=10'));
    proxy.hit(get('/news', { 'accept-encoding': 'identity' }), 140, toClient('news', 'public, max-age=10'));
    proxy.hit(get('/news', { 'accept-encoding': 'GZIP' }), 150, toClient('news', 'public, max-age=10', true));
    proxy.miss(get('/cart', { 'accept-encoding': 'gzip' }), fromOrigin('cart', 'no-store'), 160, toClient('cart', 'no-store', true));
    proxy.miss(get('/cart'), fromOrigin('cart', 'no-store'), 170, toClient('cart', 'no-store'));
    // A weight of 0 means "not acceptable"; "*" stands for every coding not listed.
    proxy.hit(get('/news', { 'accept-encoding': 'br, gzip;q=0' }), 180, toClient('news', 'public, max-age=10'));
    proxy.hit(get('/news', { 'accept-encoding': 'gzip; q=0.000' }), 181, toClient('news', 'public, max-age=10'));
    proxy.hit(get('/news', { 'accept-encoding': 'gzip;q=0.001' }), 182, toClient('news', 'public, max-age=10', true));
    proxy.hit(get('/news', { 'accept-encoding': 'br;q=1, *;q=0.5' }), 183, toClient('news', 'public, max-age=10', true));
    proxy.hit(get('/news', { 'accept-encoding': '*, gzip;q=0' }), 184, toClient('news', 'public, max-age=10'));
    // The origin's own Vary is kept, with accept-encoding added.
    const varies = Object.freeze({ ...fromOrigin('menu', 'public, max-age=10'), headers: Object.freeze({ ...fromOrigin('menu', 'public, max-age=10').headers, vary: 'Accept-Language' }) });
    const menu = (gzipped: boolean) => ({ ...toClient('menu', 'public, max-age=10', gzipped), headers: { ...toClient('menu', 'public, max-age=10', gzipped).headers, vary: 'Accept-Language, accept-encoding' } });
    proxy.miss(get('/menu', { 'accept-encoding': 'gzip' }), varies, 190, menu(true));
    proxy.hit(get('/menu'), 191, menu(false));
    // A Vary that already names accept-encoding (in any case), or is "*", stays as the origin sent it.
    for (const [url, vary] of [['/hours', 'Origin, Accept-Encoding'], ['/anything', '*']] as const) {
      const origin = Object.freeze({ ...fromOrigin(url, 'public, max-age=10'), headers: Object.freeze({ ...fromOrigin(url, 'public, max-age=10').headers, vary }) });
      const answer = { ...toClient(url, 'public, max-age=10'), headers: { ...toClient(url, 'public, max-age=10').headers, vary } };
      proxy.miss(get(url), origin, 192, answer);
    }
    // A blank Vary names no header: the answer says just accept-encoding.
    for (const [url, vary] of [['/blank', ''], ['/spaces', '  ']] as const) {
      const origin = Object.freeze({ ...fromOrigin(url, 'public, max-age=10'), headers: Object.freeze({ ...fromOrigin(url, 'public, max-age=10').headers, vary }) });
      proxy.miss(get(url), origin, 193, toClient(url, 'public, max-age=10'));
    }
  });

  test("in seeded traffic, nobody gets a stale copy, another user's private page or a cached answer to a POST", () => {
    for (const seed of SEEDS) {
      const run = runs(seed);
      expectSituations(run, ['answeredFromCache', 'privateOrNoStoreAnswers', 'noCacheAnswers', 'posts']);
      const [first] = cacheMisuses(run);
      if (first !== undefined) problem(run, first, 'A shared cache may serve only fresh copies of GET responses it was allowed to keep.');
    }
  });

  test('in seeded traffic, every answer is stripped and encoded as its client asked', () => {
    for (const seed of SEEDS) {
      const run = runs(seed);
      expectSituations(run, ['answeredFromCache', 'gzipAccepted', 'gzipRefusedByWeight', 'noAcceptEncoding']);
      const [first] = formatMistakes(run);
      if (first !== undefined) problem(run, first, 'Every answer must lose the internal headers, say Vary: accept-encoding, and be gzipped exactly when the client accepts gzip.');
    }
  });

  test('in seeded traffic, the cache answers every GET it may, cutting the load on the origin', () => {
    for (const seed of SEEDS) {
      const run = runs(seed);
      expectSituations(run, ['answeredFromCache']);
      const needless = needlessFetches(run);
      if (needless.length === 0) continue;
      problem(
        run,
        needless[0]!,
        `The proxy answered ${Math.round(100 * cacheHitShare(run))}% of GETs from its cache and sent ${needless.length} GETs to the origin that a fresh copy could have answered.`,
      );
    }
  });

  test('two proxies side by side agree with the reference, call by call', () => {
    checkAgainstReference({ name: 'replay', seed: 3341, runs: 25, inputs: proxyInputs, learner: replay(learner.ReverseProxy), reference: replay(Reference.ReverseProxy), judge: judgeReplay });
  });
});
