/**
 * Mounting the ballot-box role on a node: migrate the box's tables in the node's database, build the
 * box, and hand back its route table and handlers for the node's server and the box as a service.
 */
import type { Kysely } from 'kysely';
import type { Handlers } from '../../../net/handlers.js';
import { openBallotBoxDb } from '../../../store/ballot-box/open.js';
import { kyselyWriter, sqliteThreadWriter } from '../../../store/ballot-box/writer.js';
import type { DialectName } from '../../../store/migrations.js';
import { BallotBox } from './box.js';
import { ballotBoxHandlers } from './handlers.js';
import type { BallotBoxOptions } from './options.js';
import { BALLOT_BOX_ROUTES, type BallotBoxRoutes } from './routes.js';

/** The node's open database (as `openDatabase` returns it), with its PostgreSQL schema if any. */
export interface NodeDatabase<T> {
  readonly db: Kysely<T>;
  readonly dialect: DialectName;
  readonly schema?: string;
  /** The SQLite file: the box then writes on its own thread (its fsyncs never block the event loop). */
  readonly file?: string;
}

/** What {@link mountBallotBox} needs: the box's options, with the node's database instead of the box's. */
export type BallotBoxMountOptions<T> = Omit<BallotBoxOptions, 'db' | 'writer'> & {
  readonly database: NodeDatabase<T>;
};

/** A mounted box: merge `routes`/`handlers` into the node's server; start and stop `box` with the node. */
export interface BallotBoxRole {
  readonly box: BallotBox;
  readonly routes: BallotBoxRoutes;
  readonly handlers: Handlers<BallotBoxRoutes>;
}

/**
 * Migrates the box's tables and builds the box (not started). Throws when the node's key is not an
 * allow-listed box of the election or a migration fails (configuration or operator problems).
 */
export async function mountBallotBox<T>(opts: BallotBoxMountOptions<T>): Promise<BallotBoxRole> {
  const { database, ...rest } = opts;
  const db = await openBallotBoxDb(database.db, database.dialect, database.schema);
  const writer =
    database.dialect === 'sqlite' && database.file !== undefined && database.file !== ':memory:'
      ? sqliteThreadWriter(database.file)
      : kyselyWriter(db.db);
  const box = new BallotBox({ ...rest, db, writer });
  return { box, routes: BALLOT_BOX_ROUTES, handlers: ballotBoxHandlers(box) };
}
