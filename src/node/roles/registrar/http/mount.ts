/**
 * Mounting the registrar role on a node: migrate the registrar's tables in the node's database, build
 * the registrar, and hand back its route table and handlers for the node's server. Merge them with the
 * node's own: `createServer({ routes: { ...LEDGER_ROUTES, ...r.routes }, handlers: { ...h, ...r.handlers } })`,
 * and start/stop `r.registrar` with the node.
 */
import type { Kysely } from 'kysely';
import type { Handlers } from '../../../../net/handlers.js';
import type { DialectName } from '../../../../store/migrations.js';
import { openRegistrarDb } from '../../../../store/registrar/open.js';
import { createRegistrar, type Registrar, type RegistrarOptions } from '../registrar.js';
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

/** The node's open database (as `openDatabase` returns it), with its PostgreSQL schema if any. */
export interface RegistrarNodeDatabase<T> {
  readonly db: Kysely<T>;
  readonly dialect: DialectName;
  readonly schema?: string;
}

/** What {@link mountRegistrar} needs: the registrar's options, with the node's database instead of its own. */
export type RegistrarMountOptions<T> = Omit<RegistrarOptions, 'db'> & {
  readonly database: RegistrarNodeDatabase<T>;
};

/** A mounted registrar: serve `routes`/`handlers`; start and stop `registrar` with the node. */
export interface RegistrarRole extends RegistrarHttp {
  readonly registrar: Registrar;
}

/** Migrates the registrar's tables and builds the registrar (not started). Throws if a migration fails. */
export async function mountRegistrar<T>(opts: RegistrarMountOptions<T>): Promise<RegistrarRole> {
  const { database, ...rest } = opts;
  const db = await openRegistrarDb(database.db, database.dialect, database.schema);
  const registrar = await createRegistrar({ ...rest, db });
  return { registrar, ...registrarHttp(registrar) };
}
