/**
 * Migrates the ballot box's tables in an already open node database (the one `openDatabase` returned) and
 * gives back a Kysely handle typed with them. The ledger's own migrations are not touched: the box keeps
 * its history in {@link BOX_MIGRATION_TABLE}.
 */
import { type Kysely, Migrator } from 'kysely';
import type { DialectName } from '../migrations.js';
import { BOX_MIGRATION_LOCK_TABLE, BOX_MIGRATION_TABLE, ballotBoxMigrations } from './migrations.js';
import type { BallotBoxDatabase } from './schema.js';

/** The ballot box's database handle. */
export interface BallotBoxDb {
  readonly db: Kysely<BallotBoxDatabase>;
  readonly dialect: DialectName;
}

/**
 * Runs the box's migrations on `db` (any Kysely instance of the node's database; PostgreSQL connections
 * already carry the node's `search_path`). Throws if a migration fails (an operator problem).
 */
export async function openBallotBoxDb<T>(
  db: Kysely<T>,
  dialect: DialectName,
  schema?: string,
): Promise<BallotBoxDb> {
  const box = db.withTables<BallotBoxDatabase>() as unknown as Kysely<BallotBoxDatabase>;
  const migrator = new Migrator({
    db: box,
    provider: ballotBoxMigrations(dialect),
    migrationTableName: BOX_MIGRATION_TABLE,
    migrationLockTableName: BOX_MIGRATION_LOCK_TABLE,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `ballot-box migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { db: box, dialect };
}

/** Reads a `bigint` column (PostgreSQL returns it as text) as a number. */
export function num(v: number | string | bigint): number {
  return typeof v === 'number' ? v : Number(v);
}
