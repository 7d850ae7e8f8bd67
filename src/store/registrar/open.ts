/**
 * Migrates the registrar's tables in an already open node database (the one `openDatabase` returned) and
 * gives back a Kysely handle typed with them. The ledger's own migrations are not touched: the registrar
 * keeps its history in {@link REGISTRAR_MIGRATION_TABLE}.
 */
import { type Kysely, Migrator } from 'kysely';
import type { DialectName } from '../migrations.js';
import {
  REGISTRAR_MIGRATION_LOCK_TABLE,
  REGISTRAR_MIGRATION_TABLE,
  registrarMigrations,
} from './migrations.js';
import type { RegistrarDatabase } from './schema.js';

/** The registrar's database handle. */
export interface RegistrarDb {
  readonly db: Kysely<RegistrarDatabase>;
  readonly dialect: DialectName;
}

/**
 * Runs the registrar's migrations on `db` (any Kysely instance of the node's database; PostgreSQL
 * connections already carry the node's `search_path`). Throws if a migration fails (an operator problem).
 */
export async function openRegistrarDb<T>(
  db: Kysely<T>,
  dialect: DialectName,
  schema?: string,
): Promise<RegistrarDb> {
  // The table types are compile-time only: the same connection serves both schemas.
  const reg = db as unknown as Kysely<RegistrarDatabase>;
  const migrator = new Migrator({
    db: reg,
    provider: registrarMigrations(dialect),
    migrationTableName: REGISTRAR_MIGRATION_TABLE,
    migrationLockTableName: REGISTRAR_MIGRATION_LOCK_TABLE,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `registrar migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { db: reg, dialect };
}

/** Reads a `bigint` column (PostgreSQL returns it as text) as a number of milliseconds. */
export function num(v: number | string | bigint): number {
  return typeof v === 'number' ? v : Number(v);
}
