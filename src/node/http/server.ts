/**
 * The ledger node's HTTP server: the route table of `routes.ts` with the peer and explorer handlers,
 * over the net layer's server (limits, logs, error bodies, graceful stop).
 */
import type { Logger } from 'pino';
import type { NetLimits } from '../../net/limits.js';
import { type Closable, createServer, type NetServer } from '../../net/server.js';
import type { LedgerHttpContext } from './context.js';
import { explorerHandlers } from './explorer-handlers.js';
import { peerHandlers } from './peer-handlers.js';
import { LEDGER_ROUTES } from './routes.js';

/** Options of {@link createLedgerServer}. */
export interface LedgerServerOptions extends LedgerHttpContext {
  readonly logger: Logger;
  readonly host?: string;
  readonly port?: number;
  readonly adminToken?: string;
  readonly limits?: Partial<NetLimits>;
  /** Closed after the server stopped, in reverse order (the node, the store, …). */
  readonly resources?: readonly Closable[];
  /** Serve the web app built in this folder (see `src/net/web.ts`). */
  readonly webRoot?: string;
}

/**
 * Builds the server; nothing listens until `start()`. Pre-encoded pages of blocks are sent without a
 * second parse (`checkRawResponses: false`): they are the node's own checked blocks.
 */
export function createLedgerServer(opts: LedgerServerOptions): NetServer {
  return createServer({
    routes: LEDGER_ROUTES,
    handlers: { ...peerHandlers(opts), ...explorerHandlers(opts) },
    logger: opts.logger,
    limits: { checkRawResponses: false, ...opts.limits },
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.adminToken !== undefined ? { adminToken: opts.adminToken } : {}),
    ...(opts.resources ? { resources: opts.resources } : {}),
    ...(opts.webRoot !== undefined ? { webRoot: opts.webRoot } : {}),
  });
}
