/**
 * The browser's stand-in for `src/net/transport.ts`: the same exports, on `fetch`. Proxies and
 * certificates are the browser's business, so the options are ignored.
 */
import { createFetchTransport } from '../../../src/net/fetch-transport.js';
import type { Transport, TransportOptions } from '../../../src/net/transport.js';

export type { HttpRequest, HttpResponse, Transport, TransportOptions } from '../../../src/net/transport.js';

/** A fetch transport; `opts` (proxy, keep-alive, CA) do not apply in a browser. */
export function createHttpTransport(_opts: TransportOptions = {}): Transport {
  return createFetchTransport();
}
