// Wrong on purpose: strips every header that starts with x-internal, dash or not, so an x-internal or x-internals header the origin meant for clients is lost.
/** A request as the proxy receives it. Header names are lower case. */
export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A response. Header names are lower case. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export class ReverseProxy {
  private readonly gzip: (body: string) => string;
  /** The origin's responses as received, by URL, with the time they stop being fresh. */
  private readonly cache = new Map<string, { response: HttpResponse; expiresAt: number }>();

  constructor(gzip: (body: string) => string) {
    this.gzip = gzip;
  }

  lookup(request: HttpRequest, now: number): HttpResponse | null {
    if (request.method !== 'GET') return null;
    const entry = this.cache.get(request.url);
    if (entry === undefined || now >= entry.expiresAt) return null;
    return this.forClient(request, entry.response);
  }

  respond(request: HttpRequest, response: HttpResponse, now: number): HttpResponse {
    const lifetimeMs = cacheLifetimeMs(request, response);
    // Keep the origin's own response: each client gets it stripped and encoded for them. A lifetime of 0
    // (no-cache) is never served, but it is the newest response for the URL, so it replaces the older copy.
    if (lifetimeMs !== null) this.cache.set(request.url, { response, expiresAt: now + lifetimeMs });
    return this.forClient(request, response);
  }

  private forClient(request: HttpRequest, response: HttpResponse): HttpResponse {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      // These describe the machines behind the proxy; nobody outside needs them.
      if (name === 'server' || name === 'x-powered-by' || name.startsWith('x-internal')) continue;
      headers[name] = value;
    }
    // The body depends on Accept-Encoding: say so, or a cache further on may serve gzip to a client that cannot read it.
    headers['vary'] = withAcceptEncoding(response.headers['vary']);
    if (!acceptsGzip(request)) return { status: response.status, headers, body: response.body };
    return { status: response.status, headers: { ...headers, 'content-encoding': 'gzip' }, body: this.gzip(response.body) };
  }
}

/** How long a shared cache may serve this response without asking the origin (ms), or null when it must not keep it. */
function cacheLifetimeMs(request: HttpRequest, response: HttpResponse): number | null {
  if (request.method !== 'GET' || response.status !== 200) return null;
  const directives = (response.headers['cache-control'] ?? '').split(',').map((directive) => directive.trim().toLowerCase());
  // private: meant for one user; no-store: keep nowhere.
  if (directives.some((directive) => directive === 'no-store' || directive === 'private')) return null;
  // no-cache: may be kept, but never served without asking the origin first, which this proxy does not do.
  if (directives.includes('no-cache')) return 0;
  const maxAge = directives.find((directive) => /^max-age=\d+$/.test(directive));
  // max-age counts seconds; time here is milliseconds.
  return maxAge === undefined ? null : Number(maxAge.slice('max-age='.length)) * 1000;
}

function acceptsGzip(request: HttpRequest): boolean {
  const members = (request.headers['accept-encoding'] ?? '').split(',').map((member) => {
    const [coding, ...parameters] = member.split(';');
    const q = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('q='));
    // No weight means 1; "gzip;q=0" means gzip is not acceptable.
    return { coding: coding!.trim().toLowerCase(), weight: q === undefined ? 1 : Number(q.slice(2)) || 0 };
  });
  const gzip = members.find((member) => member.coding === 'gzip') ?? members.find((member) => member.coding === '*');
  return gzip !== undefined && gzip.weight > 0;
}

function withAcceptEncoding(vary: string | undefined): string {
  if (vary === undefined || vary.trim() === '') return 'accept-encoding';
  const listed = vary.split(',').map((name) => name.trim().toLowerCase());
  return listed.includes('accept-encoding') || listed.includes('*') ? vary : `${vary}, accept-encoding`;
}
