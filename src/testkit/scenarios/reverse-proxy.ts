/**
 * A reverse proxy in front of one origin server, for lesson 12's caching-proxy exercise.
 *
 * Users send HTTP-like requests to the proxy. For each one the proxy's policy either answers from its cache
 * (`lookup` returns a response) or lets the proxy forward the request to the origin; when the origin's
 * answer comes back, the policy decides what to keep and what the user gets (`respond`). The origin serves
 * a small shop: public pages with different lifetimes, per-user pages marked `private` or `no-store`, a 404,
 * and POSTs to a query endpoint whose answers carry a `max-age` (as GraphQL servers' answers often do).
 * Every origin response is numbered (`#17` in its body) and carries the headers a backend leaks:
 * `server`, `x-powered-by`, `x-internal-*`.
 *
 * The run records every exchange; the judges below say whether a user got a stale copy, someone else's
 * private page, a cached answer to a POST, leaked headers or an encoding they did not ask for, and whether
 * the proxy went to the origin although it held a fresh copy. They apply the exercise's contract, stated
 * once here: {@link cacheLifetimeMs} and {@link forClient}.
 */
import { Simulation } from '../../sim/index.ts';
import type { ClientRequest, History, NodeBehaviour, NodeContext, Rng } from '../../sim/index.ts';
import { startWorkload } from '../scenario.ts';

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  /** Header names are lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names are lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

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

/** How long the proxy may serve this response from its cache (ms), or null when it must not keep it. */
export function cacheLifetimeMs(request: HttpRequest, response: HttpResponse): number | null {
  if (request.method !== 'GET' || response.status !== 200) return null;
  const list = directives(response.headers['cache-control']);
  if (list.some((directive) => directive === 'no-store' || directive === 'no-cache' || directive === 'private')) return null;
  const maxAge = list.find((directive) => /^max-age=\d+$/.test(directive));
  const seconds = maxAge === undefined ? 0 : Number(maxAge.slice('max-age='.length));
  return seconds > 0 ? seconds * 1000 : null;
}

/** Whether the request's Accept-Encoding lists gzip (weights after ";" ignored, codings in lower case). */
export function acceptsGzip(request: HttpRequest): boolean {
  return (request.headers['accept-encoding'] ?? '').split(',').some((coding) => coding.split(';')[0]!.trim().toLowerCase() === 'gzip');
}

/** What the client must receive for an origin response: internal headers gone, gzip when it accepts it. */
export function forClient(request: HttpRequest, response: HttpResponse, gzip: (body: string) => string = fakeGzip): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) if (!isInternalHeader(name)) headers[name] = value;
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
];

const QUERIES = ['{ me { name } }', '{ deals { title } }'];

/** The request mix: [weight, request for a user]. */
const MIX: readonly (readonly [number, (rng: Rng) => Pick<HttpRequest, 'method' | 'url' | 'body'>])[] = [
  [20, () => ({ method: 'GET', url: '/styles.css' })],
  [25, () => ({ method: 'GET', url: '/news' })],
  [20, (rng) => ({ method: 'GET', url: `/products?page=${rng.int(1, 3)}` })],
  [10, () => ({ method: 'GET', url: '/account' })],
  [10, () => ({ method: 'GET', url: '/cart' })],
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

export function proxyRun(options: ProxyRunOptions, seed: number): ProxyRun {
  const sim = new Simulation({ seed, trace: true, describeMessage: describeProxyMessage });
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 1, maxMs: 5 }, loss: 0 });
  const exchanges = new Map<number, { -readonly [K in keyof Exchange]: Exchange[K] }>();
  const answers = new Map<number, OriginAnswer>();

  sim.addNode(PROXY, (): NodeBehaviour<ProxyMessage> => {
    const policy = options.makePolicy(fakeGzip);
    const waiting = new Map<number, ClientRequest>();
    const answer = (ctx: NodeContext<ProxyMessage>, request: ClientRequest, returned: unknown): void => {
      exchanges.get(request.id)!.returned = returned;
      ctx.reply(request, returned);
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
    } else if (exchange.at >= source.receivedAt + lifetime) {
      problems.push({ exchange, sentence: `${served}, whose max-age allowed serving it only until ${source.receivedAt + lifetime} ms: a stale copy`, ops });
    }
  }
  return problems;
}

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
          : got.status !== wanted.status || JSON.stringify(got.headers) !== JSON.stringify(wanted.headers)
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

/** Share of GET requests the proxy answered without the origin, in [0, 1]. */
export function cacheHitShare(run: ProxyRun): number {
  const gets = run.exchanges.filter((exchange) => exchange.request.method === 'GET');
  return gets.length === 0 ? 0 : gets.filter((exchange) => !exchange.forwarded).length / gets.length;
}
