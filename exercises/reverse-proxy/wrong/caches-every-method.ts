// Wrong on purpose: keys the cache by URL alone and keeps any cacheable-looking answer, POSTs included.
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
    const entry = this.cache.get(request.url);
    if (entry === undefined || now >= entry.expiresAt) return null;
    return this.forClient(request, entry.response);
  }

  respond(request: HttpRequest, response: HttpResponse, now: number): HttpResponse {
    const lifetimeMs = cacheLifetimeMs(request, response);
    // Keep the origin's own response: each client gets it stripped and encoded for them.
    if (lifetimeMs !== null) this.cache.set(request.url, { response, expiresAt: now + lifetimeMs });
    return this.forClient(request, response);
  }

  private forClient(request: HttpRequest, response: HttpResponse): HttpResponse {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      // These describe the machines behind the proxy; nobody outside needs them.
      if (name === 'server' || name === 'x-powered-by' || name.startsWith('x-internal-')) continue;
      headers[name] = value;
    }
    if (!acceptsGzip(request)) return { status: response.status, headers, body: response.body };
    return { status: response.status, headers: { ...headers, 'content-encoding': 'gzip' }, body: this.gzip(response.body) };
  }
}

/** How long a shared cache may serve this response (ms), or null when it must not keep it. */
function cacheLifetimeMs(request: HttpRequest, response: HttpResponse): number | null {
  if (response.status !== 200) return null;
  const directives = (response.headers['cache-control'] ?? '').split(',').map((directive) => directive.trim().toLowerCase());
  // private: meant for one user; no-store: keep nowhere; no-cache: ask the origin every time.
  if (directives.some((directive) => directive === 'no-store' || directive === 'no-cache' || directive === 'private')) return null;
  const maxAge = directives.find((directive) => /^max-age=\d+$/.test(directive));
  const seconds = maxAge === undefined ? 0 : Number(maxAge.slice('max-age='.length));
  // max-age counts seconds; time here is milliseconds.
  return seconds > 0 ? seconds * 1000 : null;
}

function acceptsGzip(request: HttpRequest): boolean {
  const codings = (request.headers['accept-encoding'] ?? '').split(',');
  // "br;q=1.0, gzip;q=0.8": the weight after ";" does not matter here.
  return codings.some((coding) => coding.split(';')[0]!.trim().toLowerCase() === 'gzip');
}
