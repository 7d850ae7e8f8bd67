/**
 * Opening a database: SQLite (better-sqlite3, one file per node, WAL journal, `synchronous=FULL` so that
 * every committed transaction survives a power cut) or PostgreSQL (`pg`) from a `postgres://` URL, then
 * migrating it to the current schema.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { LedgerErrorCode } from '../ledger/errors.js';
import { type DialectName, migrationProvider } from './migrations.js';
import type { PnyxDatabase } from './schema.js';

/** Where the database is. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

/** An open, migrated database. */
export interface OpenDatabase {
  readonly db: Kysely<PnyxDatabase>;
  readonly dialect: DialectName;
}

/**
 * The database could not be opened: `code` is `STORE_UNAVAILABLE` (cannot be reached, refused the login,
 * file cannot be opened) or `STORE_MIGRATION_FAILED`; `message` is one sentence that never holds a password.
 */
export class StoreOpenError extends Error {
  constructor(
    readonly code: Extract<LedgerErrorCode, 'STORE_UNAVAILABLE' | 'STORE_MIGRATION_FAILED'>,
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/** Why a driver call failed, in a few words (a refused connection to several addresses has no message). */
function reason(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) return reason(e.errors[0]);
  if (e instanceof Error) return e.message || (e as NodeJS.ErrnoException).code || e.name;
  return String(e);
}

/** A PostgreSQL URL without its password: `user@host:port/database`. */
export function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${user}${u.hostname}:${u.port || '5432'}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'at the --db URL';
  }
}

/** Longest wait for the first connection to PostgreSQL before the node gives up starting. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Connects once to PostgreSQL, so that an unreachable server is one clear error before any migration. */
async function probePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (e) {
    throw new StoreOpenError(
      'STORE_UNAVAILABLE',
      `cannot connect to the PostgreSQL database ${describePostgres(url)}: ${reason(e)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Reads `--db` style input: a `postgres://` or `postgresql://` URL, otherwise a SQLite file path. */
export function parseLocation(s: string): StoreLocation {
  return /^postgres(ql)?:\/\//.test(s) ? { kind: 'postgres', url: s } : { kind: 'sqlite', file: s };
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens and migrates a database. Throws a {@link StoreOpenError} if it cannot be reached or migrated (an
 * operator problem).
 */
export async function openDatabase(loc: StoreLocation): Promise<OpenDatabase> {
  let db: Kysely<PnyxDatabase>;
  let dialect: DialectName;
  let schema: string | undefined;
  if (loc.kind === 'sqlite') {
    let sqlite: Database.Database;
    try {
      if (loc.file !== ':memory:') mkdirSync(dirname(loc.file), { recursive: true });
      sqlite = new Database(loc.file);
    } catch (e) {
      throw new StoreOpenError(
        'STORE_UNAVAILABLE',
        `cannot open the SQLite database ${loc.file}: ${reason(e)}`,
      );
    }
    // Pages of 16 KiB (a new file only: an existing one keeps its size): a block's JSON row fits in one
    // page, and a page of synced blocks writes about a third fewer bytes than with 4 KiB pages.
    sqlite.pragma('page_size = 16384');
    // Durability: WAL journal and a full fsync at every commit; wait for a busy lock instead of failing.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely<PnyxDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
    dialect = 'sqlite';
  } else {
    schema = loc.schema;
    if (schema !== undefined && !SCHEMA_RE.test(schema)) throw new Error(`bad schema name ${schema}`);
    await probePostgres(loc.url);
    const pool = new pg.Pool({
      connectionString: loc.url,
      max: 4,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    db = new Kysely<PnyxDatabase>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
    if (schema) await db.schema.createSchema(schema).ifNotExists().execute();
  }
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreOpenError(
      'STORE_MIGRATION_FAILED',
      `database migration ${failed} failed: ${reason(error)}`,
    );
  }
  return { db, dialect };
}
