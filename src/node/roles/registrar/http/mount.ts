/**
 * What a node needs to serve the registrar: its route table and handlers, to be merged into the node's
 * server (`createServer({ routes: { ...LEDGER_ROUTES, ...r.routes }, handlers: { ...h, ...r.handlers } })`).
 */
import type { Handlers } from '../../../../net/handlers.js';
import type { Registrar } from '../registrar.js';
import { registrarHandlers } from './handlers.js';
import { REGISTRAR_ROUTES, type RegistrarRoutes } from './routes.js';

/** The registrar's part of a node's HTTP server. */
export interface RegistrarHttp {
  readonly routes: RegistrarRoutes;
  readonly handlers: Handlers<RegistrarRoutes>;
}

/** Routes and handlers of a registrar. */
export function registrarHttp(reg: Registrar): RegistrarHttp {
  return { routes: REGISTRAR_ROUTES, handlers: registrarHandlers(reg) };
}
