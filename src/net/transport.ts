/**
 * The client's HTTP transport: node:http/https, optionally through a SOCKS5h proxy, with abort, a cap on
 * the response size, and failures reported as {@link TransportError}.
 */
import http from 'node:http';
import https from 'node:https';
import { TransportError } from './client-errors.js';
import { socksAgent } from './proxy.js';

/** One request as the client hands it to a transport. */
export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborts the request; the transport rejects with the signal's reason. */
  readonly signal: AbortSignal;
  /** The response body is cut and refused beyond this many bytes. */
  readonly maxResponseBytes: number;
  /** Send once more when a pooled connection was closed under the request (default: GET only). */
  readonly retryStale?: boolean;
}

/** A complete response. */
export interface HttpResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly text: string;
}

/** Sends requests; `close()` drops pooled connections. */
export interface Transport {
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): void;
}

/** Options of {@link createHttpTransport}. */
export interface TransportOptions {
  /** `socks5h://HOST:PORT`: every connection goes through this proxy (Tor). */
  readonly proxy?: string;
  /** Reuse connections between requests; default false (nothing stays open after a call). */
  readonly keepAlive?: boolean;
  /** PEM certificates trusted for https:// nodes instead of the system's (e.g. a node's self-signed one). */
  readonly ca?: string | Buffer;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Creates a transport; throws RangeError on a malformed proxy URL. */
export function createHttpTransport(opts: TransportOptions = {}): Transport {
  const keepAlive = opts.keepAlive ?? false;
  const proxied = opts.proxy === undefined ? undefined : socksAgent(opts.proxy, keepAlive);
  const plain = { http: new http.Agent({ keepAlive }), https: new https.Agent({ keepAlive }) };
  const tls = opts.ca === undefined ? {} : { ca: opts.ca };
  const agentFor = (url: URL): http.Agent =>
    proxied ?? (url.protocol === 'https:' ? plain.https : plain.http);
  return {
    request: async (req) => {
      try {
        return await send(req, agentFor(req.url), tls);
      } catch (e) {
        if (!(e instanceof StaleSocket)) throw e;
        // the server closed a pooled connection just as it was reused: a GET, or a request its route
        // declares idempotent, is safe to send once more
        if ((req.retryStale ?? req.method === 'GET') && !req.signal.aborted)
          return send(req, agentFor(req.url), tls);
        throw new TransportError('UNREACHABLE', e.message);
      }
    },
    close: () => {
      proxied?.destroy();
      plain.http.destroy();
      plain.https.destroy();
    },
  };
}

/** A pooled keep-alive connection was closed by the server before any response arrived. */
class StaleSocket extends Error {}

function send(req: HttpRequest, agent: http.Agent, tls: { ca?: string | Buffer }): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    if (req.signal.aborted) return reject(req.signal.reason);
    const lib = req.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body, 'utf8'));
    // TLS options go on the request: both the plain and the SOCKS agent hand them to tls.connect
    const out = lib.request(req.url, { method: req.method, headers, agent, ...tls });
    const onAbort = (): void => {
      out.destroy();
      reject(req.signal.reason);
    };
    req.signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => req.signal.removeEventListener('abort', onAbort);
    let responded = false;
    out.on('error', (e: NodeJS.ErrnoException) => {
      done();
      if (req.signal.aborted) return reject(req.signal.reason);
      const stale = out.reusedSocket && !responded && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
      reject(stale ? new StaleSocket(e.message) : new TransportError('UNREACHABLE', e.message));
    });
    out.on('response', (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > req.maxResponseBytes) {
          done();
          out.destroy();
          reject(new TransportError('RESPONSE_TOO_LARGE', `response exceeds ${req.maxResponseBytes} bytes`));
        } else chunks.push(c);
      });
      res.on('error', (e) => {
        done();
        reject(req.signal.aborted ? req.signal.reason : new TransportError('UNREACHABLE', e.message));
      });
      res.on('end', () => {
        done();
        const status = res.statusCode ?? 0;
        try {
          const text = utf8Strict.decode(Buffer.concat(chunks));
          resolve({ status, contentType: res.headers['content-type'], text });
        } catch {
          reject(new TransportError('RESPONSE_INVALID', 'the response is not valid UTF-8', status));
        }
      });
    });
    out.end(req.body);
  });
}
