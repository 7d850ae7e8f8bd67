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

/** Reads `--db` style input: a `postgres://` or `postgresql://` URL, otherwise a SQLite file path. */
export function parseLocation(s: string): StoreLocation {
  return /^postgres(ql)?:\/\//.test(s) ? { kind: 'postgres', url: s } : { kind: 'sqlite', file: s };
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens and migrates a database. Throws if it cannot be reached or migrated (an operator problem). */
export async function openDatabase(loc: StoreLocation): Promise<OpenDatabase> {
  let db: Kysely<PnyxDatabase>;
  let dialect: DialectName;
  let schema: string | undefined;
  if (loc.kind === 'sqlite') {
    if (loc.file !== ':memory:') mkdirSync(dirname(loc.file), { recursive: true });
    const sqlite = new Database(loc.file);
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
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { db, dialect };
}
