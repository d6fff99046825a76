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

  constructor(gzip: (body: string) => string) {
    this.gzip = gzip;
  }

  /** A request arrives at `now`: the answer from the cache, or null to forward it to the origin. */
  lookup(request: HttpRequest, now: number): HttpResponse | null {
    return null;
  }

  /** The origin answered a forwarded request at `now`: what the client gets. */
  respond(request: HttpRequest, response: HttpResponse, now: number): HttpResponse {
    // A plain pass-through: every request costs the origin, and the answer goes out exactly as it came in.
    return response;
  }
}
