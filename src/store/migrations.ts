/**
 * In-code migrations, applied in name order by Kysely's Migrator. The same migrations serve SQLite and
 * PostgreSQL; the only difference is how an auto-increment column is spelled.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';

/** Which database a migration runs on. */
export type DialectName = 'sqlite' | 'postgres';

function serial(d: DialectName) {
  return d === 'sqlite' ? 'integer' : 'serial';
}

function initial(d: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const seq = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn('seq', serial(d), (c) =>
            d === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          );
      await seq('blocks')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('parent_id', 'text', (c) => c.notNull())
        .addColumn('json', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('blocks_by_height').on('blocks').column('height').execute();
      await db.schema.createIndex('blocks_by_parent').on('blocks').column('parent_id').execute();

      await db.schema
        .createTable('txs')
        .addColumn('block_id', 'text', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('txs_pk', ['block_id', 'idx'])
        .execute();
      await db.schema.createIndex('txs_by_id').on('txs').column('id').execute();
      await db.schema.createIndex('txs_by_type').on('txs').columns(['type', 'block_id']).execute();
      await db.schema.createIndex('txs_by_author').on('txs').columns(['author', 'block_id']).execute();

      await seq('approvals')
        .addColumn('block_id', 'text', (c) => c.notNull())
        .addColumn('validator', 'text', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('json', 'text', (c) => c.notNull())
        .addUniqueConstraint('approvals_one_verdict', ['block_id', 'validator'])
        .execute();
      await db.schema.createIndex('approvals_by_height').on('approvals').column('height').execute();

      await seq('mempool')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('json', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('signing_record')
        .addColumn('validator', 'text', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('block_id', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('approve', 'reject')`))
        .addColumn('json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('signing_record_pk', ['validator', 'block_id'])
        .execute();
      // The database itself refuses a second approval by one validator at one height.
      await db.schema
        .createIndex('signing_one_approval_per_height')
        .on('signing_record')
        .columns(['validator', 'height'])
        .unique()
        .where(sql.ref('verdict'), '=', 'approve')
        .execute();

      await db.schema
        .createTable('peers')
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_seen', 'bigint')
        .execute();

      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/** The migrations, by name. */
export function migrationProvider(d: DialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return { '0001_initial': initial(d) };
    },
  };
}
