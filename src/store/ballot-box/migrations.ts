/**
 * The ballot box's migrations, applied by their own Kysely `Migrator` (history table `box_migration`), so
 * they run beside the ledger's migrations without touching them. Times are `bigint` milliseconds; JSON is
 * `text` holding canonical bytes.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import type { DialectName } from '../migrations.js';

/** Name of the box's migration history table. */
export const BOX_MIGRATION_TABLE = 'box_migration';
/** Name of the box's migration lock table. */
export const BOX_MIGRATION_LOCK_TABLE = 'box_migration_lock';

function initial(d: DialectName): Migration {
  const serial = d === 'sqlite' ? 'integer' : 'serial';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('box_records')
        .addColumn('seq', serial, (c) => (d === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('tracker', 'text', (c) => c.notNull().unique())
        .addColumn('voter_key', 'text', (c) => c.notNull())
        .addColumn('ballot_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('cast', 'audit')`))
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('receipt', 'text')
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('superseded', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('forward_state', 'text', (c) =>
          c.notNull().check(sql`forward_state in ('pending', 'included', 'refused')`),
        )
        .addColumn('tx_id', 'text')
        .addColumn('forward_error', 'text')
        // The database itself keeps one record per ballot: cast or audited, one version.
        .addUniqueConstraint('box_records_one_per_ballot', ['voter_key', 'ballot_id'])
        .execute();
      await db.schema
        .createIndex('box_records_to_forward')
        .on('box_records')
        .columns(['forward_state', 'seq'])
        .execute();
      await db.schema
        .createTable('box_sum')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('sum', 'text', (c) => c.notNull())
        .addColumn('superseded_count', 'integer', (c) => c.notNull())
        .addColumn('superseded_sum', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('box_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/** The box's migrations, by name. */
export function ballotBoxMigrations(d: DialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return { '0001_box_initial': initial(d) };
    },
  };
}
