// Strips the internal headers once, when a response arrives, and keeps that stripped copy; the cache is a
// plain object keyed by URL, and Accept-Encoding is read into a map of weights.
export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

interface Stored {
  readonly response: HttpResponse;
  readonly freshUntil: number;
}

const internalHeader = /^(server|x-powered-by|x-internal-.*)$/;

export class ReverseProxy {
  private readonly stored: Record<string, Stored | undefined> = Object.create(null);
  private readonly gzip: (body: string) => string;

  constructor(gzip: (body: string) => string) {
    this.gzip = gzip;
  }

  lookup(request: HttpRequest, now: number): HttpResponse | null {
    if (request.method !== 'GET') return null;
    const hit = this.stored[request.url];
    return hit !== undefined && now < hit.freshUntil ? this.encodeFor(request, hit.response) : null;
  }

  respond(request: HttpRequest, response: HttpResponse, now: number): HttpResponse {
    const stripped = strip(response);
    const lifetime = lifetimeOf(request, response);
    if (lifetime !== undefined) this.stored[request.url] = { response: stripped, freshUntil: now + lifetime };
    return this.encodeFor(request, stripped);
  }

  private encodeFor(request: HttpRequest, response: HttpResponse): HttpResponse {
    if (!gzipAccepted(request.headers['accept-encoding'])) return response;
    return { status: response.status, headers: { ...response.headers, 'content-encoding': 'gzip' }, body: this.gzip(response.body) };
  }
}

function strip(response: HttpResponse): HttpResponse {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(response.headers)) {
    if (!internalHeader.test(name)) headers[name] = response.headers[name] as string;
  }
  const vary = (headers['vary'] ?? '').trim();
  const names = vary === '' ? [] : vary.split(',').map((name) => name.trim().toLowerCase());
  if (vary === '') headers['vary'] = 'accept-encoding';
  else if (!names.includes('accept-encoding') && !names.includes('*')) headers['vary'] = `${vary}, accept-encoding`;
  return { status: response.status, headers, body: response.body };
}

/** Milliseconds the proxy may serve the response, 0 to keep it unserved (no-cache), undefined to not keep it. */
function lifetimeOf(request: HttpRequest, response: HttpResponse): number | undefined {
  if (request.method !== 'GET' || response.status !== 200) return undefined;
  const directives = new Set((response.headers['cache-control'] ?? '').toLowerCase().split(',').map((part) => part.trim()));
  if (directives.has('no-store') || directives.has('private')) return undefined;
  if (directives.has('no-cache')) return 0;
  for (const directive of directives) {
    const seconds = /^max-age=(\d+)$/.exec(directive);
    if (seconds !== null) return Number(seconds[1]) * 1000;
  }
  return undefined;
}

function gzipAccepted(acceptEncoding: string | undefined): boolean {
  const weights = new Map<string, number>();
  for (const member of (acceptEncoding ?? '').split(',')) {
    const [coding = '', ...parameters] = member.split(';').map((part) => part.trim().toLowerCase());
    if (weights.has(coding)) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const weight = weights.get('gzip') ?? weights.get('*');
  return weight !== undefined && weight > 0;
}
