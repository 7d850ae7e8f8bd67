/**
 * Typed clients of the nodes' HTTP API for the browser: the route tables of the server code, over the
 * fetch transport. The node that served the page is the home node; other nodes (ballot boxes) are
 * reached by their URLs.
 */

import { type Client, createClient } from '../../../src/net/client.js';
import { createFetchTransport } from '../../../src/net/fetch-transport.js';
import type { RouteTable } from '../../../src/net/routes.js';
import { ELECTION_NODE_ROUTES } from '../../../src/node/election/routes.js';
import { PEER_CLIENT_ROUTES } from '../../../src/node/http/peer-client.js';
import { BALLOT_BOX_ROUTES } from '../../../src/node/roles/ballot-box/routes.js';
import { REGISTRAR_ROUTES } from '../../../src/node/roles/registrar/http/routes.js';

const transport = createFetchTransport();

/** The base URL of the node that served this page. */
export function homeUrl(): string {
  return window.location.origin;
}

/** A client of `table` at `base` (default: the home node); `adminToken` for admin routes. */
export function clientOf<T extends RouteTable>(
  table: T,
  base: string = homeUrl(),
  adminToken?: string,
): Client<T> {
  return createClient(table, base, {
    transport,
    timeoutMs: 30_000,
    ...(adminToken === undefined ? {} : { adminToken }),
  });
}

/** The ledger routes (`/api/…`, `/peer/…`, `/health`) of a node. */
export const ledgerClient = (base?: string) => clientOf(PEER_CLIENT_ROUTES, base);
/** The registrar routes of the home node. */
export const registrarClient = (base?: string) => clientOf(REGISTRAR_ROUTES, base);
/** The election routes (`/election/…`) of a node; the token is the node's admin token. */
export const electionClient = (base?: string, adminToken?: string) =>
  clientOf(ELECTION_NODE_ROUTES, base, adminToken);
/** A ballot box's routes. */
export const boxClient = (base: string) => clientOf(BALLOT_BOX_ROUTES, base);
