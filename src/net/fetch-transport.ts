/**
 * A client transport over the WHATWG `fetch` API: what browsers use (the web app's build puts it in place
 * of the node:http transport) and what works in any runtime with `fetch`. No proxy, no pooled-connection
 * control: the runtime owns connections. Failures are reported as {@link TransportError}, like the
 * node:http transport.
 */
import { TransportError } from './client-errors.js';
import type { HttpRequest, HttpResponse, Transport } from './transport.js';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Reads the body, refusing it beyond `max` bytes. */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new TransportError('RESPONSE_TOO_LARGE', `response exceeds ${max} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Creates a transport on `fetch` (the global one unless given). */
export function createFetchTransport(fetchFn: typeof fetch = globalThis.fetch.bind(globalThis)): Transport {
  return {
    request: async (req: HttpRequest): Promise<HttpResponse> => {
      if (req.signal.aborted) throw req.signal.reason;
      let res: Response;
      try {
        res = await fetchFn(req.url, {
          method: req.method,
          headers: req.headers,
          signal: req.signal,
          ...(req.body === undefined ? {} : { body: req.body }),
        });
      } catch (e) {
        if (req.signal.aborted) throw req.signal.reason;
        throw new TransportError('UNREACHABLE', e instanceof Error ? e.message : String(e));
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(res, req.maxResponseBytes);
      } catch (e) {
        if (req.signal.aborted) throw req.signal.reason;
        if (e instanceof TransportError) throw e;
        throw new TransportError('UNREACHABLE', e instanceof Error ? e.message : String(e));
      }
      let text: string;
      try {
        text = utf8Strict.decode(bytes);
      } catch {
        throw new TransportError('RESPONSE_INVALID', 'the response is not valid UTF-8', res.status);
      }
      return { status: res.status, contentType: res.headers.get('content-type') ?? undefined, text };
    },
    close: () => {},
  };
}
