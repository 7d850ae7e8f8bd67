/** The demo's typed HTTP clients: the registrar (with the node admin token) and the election routes. */
import { type Client, createClient } from '../net/client.js';
import { createHttpTransport, type Transport } from '../net/transport.js';
import { ELECTION_NODE_ROUTES, type ElectionNodeRoutes } from '../node/election/routes.js';
import { REGISTRAR_ROUTES, type RegistrarRoutes } from '../node/roles/registrar/http/routes.js';

/** One keep-alive transport for all the demo's administrative calls. */
let shared: Transport | undefined;
function transport(): Transport {
  shared ??= createHttpTransport({ keepAlive: true });
  return shared;
}

/** The registrar's routes, with the node admin token for `admin` routes. */
export function adminRegistrar(url: string, adminToken: string): Client<RegistrarRoutes> {
  return createClient(REGISTRAR_ROUTES, url, { adminToken, timeoutMs: 120_000, transport: transport() });
}

/** The election routes of a node, with the node admin token for `admin` routes. */
export function electionClient(url: string, adminToken?: string): Client<ElectionNodeRoutes> {
  return createClient(ELECTION_NODE_ROUTES, url, {
    timeoutMs: 60_000,
    transport: transport(),
    ...(adminToken !== undefined ? { adminToken } : {}),
  });
}

/** Closes the shared transport's connections. */
export function closeClients(): void {
  shared?.close();
  shared = undefined;
}
