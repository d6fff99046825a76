/**
 * A reverse proxy in front of one origin server, for lesson 12's caching-proxy exercise.
 *
 * Users send HTTP-like requests to the proxy. For each one the proxy's policy either answers from its cache
 * (`lookup` returns a response) or lets the proxy forward the request to the origin; when the origin's
 * answer comes back, the policy decides what to keep and what the user gets (`respond`). The origin serves
 * a small shop: public pages with different lifetimes, per-user pages marked `private` or `no-store`, prices
 * marked `no-cache` (keep, but ask before every use), a 404, and POSTs to a query endpoint whose answers carry
 * a `max-age` (as GraphQL servers' answers often do).
 * Every origin response is numbered (`#17` in its body) and carries the headers a backend leaks:
 * `server`, `x-powered-by`, `x-internal-*`.
 *
 * The run records every exchange; the judges below say whether a user got a stale copy, someone else's
 * private page, a cached answer to a POST, leaked headers or an encoding they did not ask for, and whether
 * the proxy went to the origin although it held a fresh copy. They apply the exercise's contract, stated
 * once here: {@link cacheLifetimeMs} and {@link forClient}. The contract follows RFC 9111 (caching) and
 * RFC 9110 (content codings, Vary) where this proxy needs them, simplified where noted.
 */
import { Simulation } from '../../src/sim/index.ts';
import type { ClientRequest, History, NodeBehaviour, NodeContext, Rng } from '../../src/sim/index.ts';
import { startWorkload } from '../../src/testkit/scenario.ts';
import type { HttpRequest, HttpResponse } from './solution.ts';

// Requests and responses have the shapes the exercise gives learners.
export type { HttpRequest, HttpResponse };

/** What the proxy needs from a policy (the learner's `ReverseProxy`). Answers are learner data: unknown. */
export interface ProxyPolicyLike {
  lookup(request: HttpRequest, now: number): unknown;
  respond(request: HttpRequest, response: HttpResponse, now: number): unknown;
}

export type MakeProxyPolicy = (gzip: (body: string) => string) => ProxyPolicyLike;

/** The stand-in for gzip the proxy is given: visible in a failure message, and easy to undo. */
export function fakeGzip(body: string): string {
  return `gzip(${body})`;
}

/** Headers a proxy must not pass on: they describe the machines behind it. */
export function isInternalHeader(name: string): boolean {
  return name === 'server' || name === 'x-powered-by' || name.startsWith('x-internal-');
}

/** The directives of a Cache-Control value, in lower case ("Public, Max-Age=5" → ["public", "max-age=5"]). */
function directives(cacheControl: string | undefined): string[] {
  return (cacheControl ?? '').split(',').map((directive) => directive.trim().toLowerCase()).filter((directive) => directive !== '');
}

/**
 * How long the proxy may serve this response from its cache without asking the origin (ms), or null when it
 * must not keep it at all. A shared cache must not store `no-store` or `private` responses (RFC 9111 §5.2.2.5,
 * §5.2.2.7). `no-cache` allows storing but forbids serving without revalidation (§5.2.2.4), and `max-age=0` is
 * stale at once; this proxy never revalidates, so both are kept with a lifetime of 0: never served, but, being
 * the newest response for the URL, they replace any older copy. Simplified: a response with neither a
 * positive `max-age` nor `no-cache` is not kept (a cache may always decline to store).
 */
export function cacheLifetimeMs(request: HttpRequest, response: HttpResponse): number | null {
  if (request.method !== 'GET' || response.status !== 200) return null;
  const list = directives(response.headers['cache-control']);
  if (list.some((directive) => directive === 'no-store' || directive === 'private')) return null;
  const maxAge = list.find((directive) => /^max-age=\d+$/.test(directive));
  if (list.includes('no-cache')) return 0;
  if (maxAge === undefined) return null;
  return Number(maxAge.slice('max-age='.length)) * 1000;
}

/** The weight of one Accept-Encoding member ("gzip;q=0.8" → 0.8; no q means 1; a q that is not a number, 0). */
function weightOf(parameters: readonly string[]): number {
  const q = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('q='));
  if (q === undefined) return 1;
  const weight = Number(q.slice(2));
  return Number.isFinite(weight) ? weight : 0;
}

/**
 * Whether the client accepts gzip (RFC 9110 §12.5.3): a member `gzip` with a weight above 0, or, when gzip is
 * not listed, a `*` with a weight above 0. `gzip;q=0` means "not gzip". Codings compare in lower case.
 */
export function acceptsGzip(request: HttpRequest): boolean {
  const members = (request.headers['accept-encoding'] ?? '')
    .split(',')
    .map((member) => member.split(';'))
    .map(([coding, ...parameters]) => ({ coding: coding!.trim().toLowerCase(), weight: weightOf(parameters) }));
  const gzip = members.find((member) => member.coding === 'gzip') ?? members.find((member) => member.coding === '*');
  return gzip !== undefined && gzip.weight > 0;
}

/** The Vary value for an answer whose encoding depends on Accept-Encoding: the origin's list, plus accept-encoding. */
function varyWithEncoding(vary: string | undefined): string {
  if (vary === undefined || vary.trim() === '') return 'accept-encoding';
  const listed = vary.split(',').map((name) => name.trim().toLowerCase());
  return listed.includes('accept-encoding') || listed.includes('*') ? vary : `${vary}, accept-encoding`;
}

/**
 * What the client must receive for an origin response: internal headers gone, gzip when it accepts it, and
 * `vary` naming accept-encoding, since the proxy picks the encoding by that header (RFC 9110 §12.5.5): a cache
 * further down must not hand a gzipped body to a client that cannot read it.
 */
export function forClient(request: HttpRequest, response: HttpResponse, gzip: (body: string) => string = fakeGzip): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) if (!isInternalHeader(name)) headers[name] = value;
  headers['vary'] = varyWithEncoding(response.headers['vary']);
  if (!acceptsGzip(request)) return { status: response.status, headers, body: response.body };
  return { status: response.status, headers: { ...headers, 'content-encoding': 'gzip' }, body: gzip(response.body) };
}

export const PROXY = 'proxy';
export const ORIGIN = 'origin';

/** Each user's browser, by what it accepts. */
const USERS: readonly { readonly id: string; readonly acceptEncoding?: string }[] = [
  { id: 'alice', acceptEncoding: 'gzip, deflate, br' },
  { id: 'bob' },
  { id: 'carol', acceptEncoding: 'br;q=1.0, gzip;q=0.8' },
  { id: 'dave', acceptEncoding: 'identity' },
  // Lists gzip, with a weight of 0: "anything but gzip".
  { id: 'erin', acceptEncoding: 'br, gzip;q=0' },
];

const QUERIES = ['{ me { name } }', '{ deals { title } }'];

/** The request mix: [weight, request for a user]. */
const MIX: readonly (readonly [number, (rng: Rng) => Pick<HttpRequest, 'method' | 'url' | 'body'>])[] = [
  [20, () => ({ method: 'GET', url: '/styles.css' })],
  [25, () => ({ method: 'GET', url: '/news' })],
  [20, (rng) => ({ method: 'GET', url: `/products?page=${rng.int(1, 3)}` })],
  [10, () => ({ method: 'GET', url: '/account' })],
  [10, () => ({ method: 'GET', url: '/cart' })],
  [8, () => ({ method: 'GET', url: '/prices' })],
  [10, (rng) => ({ method: 'POST', url: '/graphql', body: rng.pick(QUERIES) })],
  [5, () => ({ method: 'GET', url: '/old-page' })],
];
const MIX_TOTAL = MIX.reduce((sum, [weight]) => sum + weight, 0);

function drawRequest(rng: Rng, user: (typeof USERS)[number]): HttpRequest {
  let ticket = rng.int(1, MIX_TOTAL);
  const [, make] = MIX.find(([weight]) => (ticket -= weight) <= 0)!;
  const headers: Record<string, string> = { cookie: `session=${user.id}` };
  if (user.acceptEncoding !== undefined) headers['accept-encoding'] = user.acceptEncoding;
  return { ...make(rng), headers };
}

/** The user a request comes from (its session cookie). */
function userOf(request: HttpRequest): string {
  return (request.headers['cookie'] ?? '').replace('session=', '');
}

/** How often the origin publishes a new edition of /news. */
const NEWS_EVERY_MS = 700;

/** The origin's answer to a request: body, status and Cache-Control, before the common headers. */
function originPage(request: HttpRequest, now: number): { status: number; cacheControl: string; body: string } {
  const user = userOf(request);
  // The only POSTs are queries, and their answers claim to be cacheable, as GraphQL servers' often do.
  if (request.method === 'POST') return { status: 200, cacheControl: 'public, max-age=30', body: `result of ${request.body ?? ''} for ${user}` };
  switch (request.url.split('?')[0]) {
    case '/styles.css':
      return { status: 200, cacheControl: 'public, max-age=60', body: 'styles.css v1' };
    case '/news':
      return { status: 200, cacheControl: 'public, max-age=1', body: `news edition ${Math.floor(now / NEWS_EVERY_MS) + 1}` };
    case '/products':
      return { status: 200, cacheControl: 'Public, Max-Age=5', body: `products ${request.url.split('?')[1] ?? ''}` };
    case '/account':
      return { status: 200, cacheControl: 'private, max-age=60', body: `account page of ${user}` };
    case '/cart':
      return { status: 200, cacheControl: 'no-store', body: `cart of ${user}` };
    case '/prices':
      return { status: 200, cacheControl: 'max-age=60, no-cache', body: `prices at ${now} ms` };
    default:
      return { status: 404, cacheControl: 'max-age=60', body: `no page at ${request.url}` };
  }
}

/** "#17" in a body: which origin response it came from. */
function serialIn(body: unknown): number | null {
  const match = typeof body === 'string' ? / #(\d+)$/.exec(body) : null;
  return match === null ? null : Number(match[1]);
}

type ProxyMessage =
  | { readonly type: 'forward'; readonly op: number; readonly request: HttpRequest }
  | { readonly type: 'response'; readonly op: number; readonly response: HttpResponse };

function describeProxyMessage(message: unknown): string {
  const m = message as ProxyMessage;
  return m.type === 'forward' ? `${m.request.method} ${m.request.url} (${userOf(m.request)})` : `${m.response.status} "${m.response.body}"`;
}

/** An origin response as the proxy received it. */
export interface OriginAnswer {
  readonly serial: number;
  readonly request: HttpRequest;
  readonly response: HttpResponse;
  /** When it reached the proxy (the `now` of `respond`). */
  readonly receivedAt: number;
  readonly op: number;
}

/** One request through the proxy. */
export interface Exchange {
  readonly op: number;
  readonly request: HttpRequest;
  /** When it reached the proxy. */
  readonly at: number;
  /** Forwarded to the origin (lookup gave nothing), or answered by lookup. */
  readonly forwarded: boolean;
  /** What the proxy answered; absent if the run ended first. */
  readonly returned?: unknown;
}

export interface ProxyRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: History;
  readonly exchanges: readonly Exchange[];
  /** Origin responses by serial. */
  readonly answers: ReadonlyMap<number, OriginAnswer>;
}

export interface ProxyRunOptions {
  readonly makePolicy: MakeProxyPolicy;
  /** No request starts at or after this time (default 4000 ms). */
  readonly stopMs?: number;
  /** Pause between a user's requests (default 30 ms). */
  readonly thinkMs?: number;
}

/** A copy the policy may keep or change without touching the run's records. */
function copyOf<T extends { readonly headers: Readonly<Record<string, string>> }>(message: T): T {
  return Object.freeze({ ...message, headers: Object.freeze({ ...message.headers }) });
}

/** The policy's answer as plain data: a response's status, string headers and body, or a description of what came back. */
function plainAnswer(value: unknown): unknown {
  try {
    if (value === null || value === undefined) return value;
    if (typeof value !== 'object') return typeof value === 'function' ? 'a function' : value;
    const { status, headers, body } = value as Record<string, unknown>;
    const plainHeaders: Record<string, string> = {};
    if (typeof headers === 'object' && headers !== null) {
      for (const [name, header] of Object.entries(headers)) plainHeaders[name] = typeof header === 'string' ? header : String(header);
    }
    return {
      status: typeof status === 'number' ? status : String(status),
      headers: typeof headers === 'object' && headers !== null ? plainHeaders : headers === undefined ? undefined : String(headers),
      body: typeof body === 'string' ? body : body === undefined ? undefined : String(body),
    };
  } catch (error) {
    return `an object that could not be read (${error instanceof Error ? error.message : 'unknown error'})`;
  }
}

export function proxyRun(options: ProxyRunOptions, seed: number): ProxyRun {
  const sim = new Simulation({ seed, trace: true, describeMessage: describeProxyMessage });
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 1, maxMs: 5 }, loss: 0 });
  const exchanges = new Map<number, { -readonly [K in keyof Exchange]: Exchange[K] }>();
  const answers = new Map<number, OriginAnswer>();

  sim.addNode(PROXY, (): NodeBehaviour<ProxyMessage> => {
    const policy = options.makePolicy(fakeGzip);
    const waiting = new Map<number, ClientRequest>();
    const answer = (ctx: NodeContext<ProxyMessage>, request: ClientRequest, returned: unknown): void => {
      // Judged later: keep plain data taken now, so nothing the policy does afterwards can change the record.
      const snapshot = plainAnswer(returned);
      exchanges.get(request.id)!.returned = snapshot;
      ctx.reply(request, snapshot);
    };
    return {
      onRequest(ctx, request) {
        const http = request.input as HttpRequest;
        const cached = policy.lookup(copyOf(http), ctx.now);
        const forwarded = cached === null || cached === undefined;
        exchanges.set(request.id, { op: request.id, request: http, at: ctx.now, forwarded });
        if (!forwarded) return answer(ctx, request, cached);
        waiting.set(request.id, request);
        ctx.send(ORIGIN, { type: 'forward', op: request.id, request: http });
      },
      onMessage(ctx, _from, message) {
        if (message.type !== 'response') return;
        const request = waiting.get(message.op)!;
        waiting.delete(message.op);
        const http = request.input as HttpRequest;
        const serial = serialIn(message.response.body)!;
        answers.set(serial, { serial, request: http, response: message.response, receivedAt: ctx.now, op: request.id });
        answer(ctx, request, policy.respond(copyOf(http), copyOf(message.response), ctx.now));
      },
    };
  });
  let served = 0;
  sim.addNode(ORIGIN, {
    onMessage(ctx, from, message: ProxyMessage) {
      if (message.type !== 'forward') return;
      served += 1;
      const page = originPage(message.request, ctx.now);
      const headers: Record<string, string> = {
        'content-type': message.request.url.endsWith('.css') ? 'text/css' : 'text/html',
        'cache-control': page.cacheControl,
        server: 'nginx/1.25.3',
        'x-powered-by': 'Express',
        'x-internal-backend': `app-${1 + (served % 3)}`,
        'x-internal-trace-id': `t${served}`,
        'x-request-id': `r${served}`,
      };
      ctx.send(from, { type: 'response', op: message.op, response: { status: page.status, headers, body: `${page.body} #${served}` } });
    },
  });
  sim.network.setLink(PROXY, ORIGIN, { latency: { kind: 'uniform', minMs: 20, maxMs: 40 } }, { bothWays: true });

  const stopMs = options.stopMs ?? 4000;
  startWorkload(sim, {
    clients: USERS.map((user) => ({ id: user.id, node: PROXY })),
    timeoutMs: 1000,
    startMs: 10,
    stopMs,
    thinkMs: options.thinkMs ?? 30,
    next: ({ client, rng }) => {
      const request = drawRequest(rng, USERS.find((user) => user.id === client.id)!);
      return { f: request.method, input: request, key: request.url };
    },
  });
  sim.run({ untilMs: stopMs + 1000 });
  return { seed, sim, history: sim.history(), exchanges: [...exchanges.values()], answers };
}

/** Something wrong with one exchange, in a sentence, and the operations that tell its story. */
export interface ProxyProblem {
  readonly exchange: Exchange;
  readonly sentence: string;
  /** Operation ids: the exchange's, and the one whose origin response was served, if another. */
  readonly ops: readonly number[];
}

const describeRequest = (exchange: Exchange) => `${userOf(exchange.request)}'s ${exchange.request.method} ${exchange.request.url} at ${exchange.at} ms`;

/** Undoes the proxy's encoding, if it is the one it was given. */
function decoded(body: string): string {
  return body.startsWith('gzip(') && body.endsWith(')') ? body.slice('gzip('.length, -1) : body;
}

/** The origin response an answer carries, or a sentence saying why there is none. */
function sourceOf(run: ProxyRun, exchange: Exchange): OriginAnswer | string {
  const returned = exchange.returned as Partial<HttpResponse> | null | undefined;
  if (typeof returned !== 'object' || returned === null || typeof returned.body !== 'string' || typeof returned.headers !== 'object' || returned.headers === null) {
    return `the proxy answered ${describeRequest(exchange)} with ${JSON.stringify(returned)}, not a response { status, headers, body }`;
  }
  const serial = serialIn(decoded(returned.body));
  const source = serial === null ? undefined : run.answers.get(serial);
  return source ?? `the proxy answered ${describeRequest(exchange)} with the body ${JSON.stringify(returned.body)}, which the origin never sent`;
}

/**
 * Served from the cache when it must not have been: a POST the origin never saw, another URL's page, a copy
 * that must not be kept (someone's private page, a no-store cart) or one past its max-age.
 */
export function cacheMisuses(run: ProxyRun): ProxyProblem[] {
  const problems: ProxyProblem[] = [];
  for (const exchange of run.exchanges) {
    if (exchange.returned === undefined) continue;
    const source = sourceOf(run, exchange);
    if (typeof source === 'string') {
      problems.push({ exchange, sentence: source, ops: [exchange.op] });
      continue;
    }
    if (source.op === exchange.op) continue;
    const ops = [source.op, exchange.op];
    const served = `the proxy answered ${describeRequest(exchange)} from its cache with ${userOf(source.request)}'s ${source.request.method} ${source.request.url} response "${source.response.body}" (received at ${source.receivedAt} ms)`;
    const lifetime = cacheLifetimeMs(source.request, source.response);
    if (exchange.request.method !== 'GET') {
      problems.push({ exchange, sentence: `${served}: the origin never saw this ${exchange.request.method}, so whatever it should have done was not done`, ops });
    } else if (source.request.url !== exchange.request.url) {
      problems.push({ exchange, sentence: `${served}: a copy of another URL`, ops });
    } else if (lifetime === null) {
      const why = userOf(source.request) === userOf(exchange.request) ? 'a response the proxy must not keep at all' : `${userOf(exchange.request)} got ${userOf(source.request)}'s page`;
      problems.push({ exchange, sentence: `${served}, whose Cache-Control says "${source.response.headers['cache-control'] ?? ''}" (status ${source.response.status}): ${why}`, ops });
    } else if (lifetime === 0) {
      problems.push({ exchange, sentence: `${served}, whose Cache-Control says "${source.response.headers['cache-control'] ?? ''}": a copy that must be revalidated with the origin before every use`, ops });
    } else if (supersededBy(run, source, exchange) !== undefined) {
      const newer = supersededBy(run, source, exchange)!;
      problems.push({ exchange, sentence: `${served}, although a newer response for the URL, "${newer.response.body}" (Cache-Control "${newer.response.headers['cache-control'] ?? ''}"), had replaced it at ${newer.receivedAt} ms`, ops: [source.op, newer.op, exchange.op] });
    } else if (exchange.at >= source.receivedAt + lifetime) {
      problems.push({ exchange, sentence: `${served}, whose max-age allowed serving it only until ${source.receivedAt + lifetime} ms: a stale copy`, ops });
    }
  }
  return problems;
}

/** A keepable response for the same URL received after `source` and before the exchange: it replaced `source`. */
function supersededBy(run: ProxyRun, source: OriginAnswer, exchange: Exchange): OriginAnswer | undefined {
  return [...run.answers.values()].find(
    (answer) => answer.request.url === source.request.url && answer.receivedAt > source.receivedAt && answer.receivedAt < exchange.at && cacheLifetimeMs(answer.request, answer.response) !== null,
  );
}

/** Headers as one comparable string, whatever order they were set in. */
const headerText = (headers: Readonly<Record<string, string>>): string => JSON.stringify(Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Answers that differ from what the client must get: leaked internal headers, the wrong encoding, changed content. */
export function formatMistakes(run: ProxyRun): ProxyProblem[] {
  const problems: ProxyProblem[] = [];
  for (const exchange of run.exchanges) {
    if (exchange.returned === undefined) continue;
    const source = sourceOf(run, exchange);
    if (typeof source === 'string') continue;
    const got = exchange.returned as HttpResponse;
    const wanted = forClient(exchange.request, source.response);
    const leaked = Object.keys(got.headers).filter(isInternalHeader);
    const accept = exchange.request.headers['accept-encoding'];
    const asked = accept === undefined ? 'sent no Accept-Encoding' : `accepts "${accept}"`;
    const ops = source.op === exchange.op ? [exchange.op] : [source.op, exchange.op];
    const sentence =
      leaked.length > 0
        ? `the proxy's answer to ${describeRequest(exchange)} still carries ${leaked.map((name) => `${name}: ${got.headers[name]}`).join(', ')}, which tell the world about the servers behind it`
        : got.body !== wanted.body || got.headers['content-encoding'] !== wanted.headers['content-encoding']
          ? `${userOf(exchange.request)} ${asked}, but the proxy's answer to ${describeRequest(exchange)} has ${got.headers['content-encoding'] === undefined ? 'no Content-Encoding' : `Content-Encoding ${got.headers['content-encoding']}`} and the body ${JSON.stringify(got.body)}; it should have ${JSON.stringify(wanted.body)}${wanted.headers['content-encoding'] === undefined ? '' : ' with Content-Encoding gzip'}`
          : got.status !== wanted.status || typeof got.headers !== 'object' || got.headers === null || headerText(got.headers) !== headerText(wanted.headers)
            ? `the proxy's answer to ${describeRequest(exchange)} is ${JSON.stringify({ status: got.status, headers: got.headers })}; it should be ${JSON.stringify({ status: wanted.status, headers: wanted.headers })}`
            : null;
    if (sentence !== null) problems.push({ exchange, sentence, ops });
  }
  return problems;
}

/** GETs forwarded to the origin although the proxy had received a copy it could still serve. */
export function needlessFetches(run: ProxyRun): ProxyProblem[] {
  const problems: ProxyProblem[] = [];
  const answers = [...run.answers.values()].sort((a, b) => a.receivedAt - b.receivedAt || a.serial - b.serial);
  for (const exchange of run.exchanges) {
    if (!exchange.forwarded || exchange.request.method !== 'GET') continue;
    // The copy a proxy following the contract holds: the latest keepable response for the URL received before.
    const held = answers.filter((a) => a.receivedAt < exchange.at && a.request.url === exchange.request.url && cacheLifetimeMs(a.request, a.response) !== null).at(-1);
    if (held === undefined || exchange.at >= held.receivedAt + cacheLifetimeMs(held.request, held.response)!) continue;
    problems.push({
      exchange,
      sentence: `the proxy forwarded ${describeRequest(exchange)} to the origin, although the response "${held.response.body}" it received at ${held.receivedAt} ms (Cache-Control "${held.response.headers['cache-control']}") could be served until ${held.receivedAt + cacheLifetimeMs(held.request, held.response)!} ms`,
      ops: [held.op, exchange.op],
    });
  }
  return problems;
}

/**
 * How often the run produced each situation the judges are about, counted from the run's own records (the
 * requests, the origin's responses, which exchanges were forwarded) — never from what the policy returned. A
 * judge that finds nothing wrong proves something only when its situation happened.
 */
export function proxySituations(run: ProxyRun) {
  const count = (test: (exchange: Exchange) => boolean) => run.exchanges.filter(test).length;
  const cacheControlOf = (exchange: Exchange) => {
    const own = [...run.answers.values()].find((answer) => answer.op === exchange.op);
    return own === undefined ? undefined : directives(own.response.headers['cache-control']);
  };
  return {
    answeredFromCache: count((exchange) => !exchange.forwarded),
    privateOrNoStoreAnswers: count((exchange) => (cacheControlOf(exchange) ?? []).some((directive) => directive === 'private' || directive === 'no-store')),
    noCacheAnswers: count((exchange) => (cacheControlOf(exchange) ?? []).includes('no-cache')),
    posts: count((exchange) => exchange.request.method === 'POST'),
    gzipAccepted: count((exchange) => acceptsGzip(exchange.request)),
    gzipRefusedByWeight: count((exchange) => /gzip\s*;\s*q=0(\.0*)?\s*(,|$)/i.test(exchange.request.headers['accept-encoding'] ?? '')),
    noAcceptEncoding: count((exchange) => exchange.request.headers['accept-encoding'] === undefined),
  };
}

/** Share of GET requests the proxy answered without the origin, in [0, 1]. */
export function cacheHitShare(run: ProxyRun): number {
  const gets = run.exchanges.filter((exchange) => exchange.request.method === 'GET');
  return gets.length === 0 ? 0 : gets.filter((exchange) => !exchange.forwarded).length / gets.length;
}
