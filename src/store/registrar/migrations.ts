/**
 * The registrar's migrations, applied by their own Kysely `Migrator` (history table
 * `registrar_migration`), so they run beside the ledger's migrations without touching them. Times are
 * `bigint` milliseconds; JSON is `text` holding canonical bytes.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import type { DialectName } from '../migrations.js';

/** Name of the registrar's migration history table. */
export const REGISTRAR_MIGRATION_TABLE = 'registrar_migration';
/** Name of the registrar's migration lock table. */
export const REGISTRAR_MIGRATION_LOCK_TABLE = 'registrar_migration_lock';

function initial(d: DialectName): Migration {
  const serial = d === 'sqlite' ? 'integer' : 'serial';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const account = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn('id', serial, (c) => (d === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('login', 'text', (c) => c.notNull().unique());
      await account('registrar_voters')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('surname', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('roll_salt', 'text', (c) => c.notNull())
        .addColumn('totp_secret', 'text')
        .addColumn('totp_pending', 'text')
        .addColumn('totp_last_step', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created', 'bigint', (c) => c.notNull())
        .execute();
      await account('registrar_admins')
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('totp_secret', 'text')
        .addColumn('totp_pending', 'text')
        .addColumn('totp_last_step', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('registrar_login_failures')
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('voter', 'admin')`))
        .addColumn('login', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('registrar_login_failures_pk', ['kind', 'login'])
        .execute();
      await db.schema
        .createTable('registrar_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('voter', 'admin')`))
        .addColumn('subject', 'integer', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('session', 'totp')`))
        .addColumn('expires', 'bigint', (c) => c.notNull())
        .addColumn('created', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('registrar_sessions_by_expiry')
        .on('registrar_sessions')
        .column('expires')
        .execute();
      await db.schema
        .createTable('registrar_elections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
        .addColumn('chain', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('token_key', 'text')
        .addColumn('created', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('registrar_roll_members')
        .addColumn('election_id', 'text', (c) => c.notNull().references('registrar_elections.id'))
        .addColumn('voter_id', 'integer', (c) => c.notNull().references('registrar_voters.id'))
        .addPrimaryKeyConstraint('registrar_roll_members_pk', ['election_id', 'voter_id'])
        .execute();
      await db.schema
        .createTable('registrar_publications')
        .addColumn('seq', serial, (c) => (d === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('election_id', 'text', (c) => c.notNull().references('registrar_elections.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('tx_id', 'text', (c) => c.notNull().unique())
        .addColumn('tx', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'submitted')`))
        .addColumn('created', 'bigint', (c) => c.notNull())
        .execute();
      // One registration per voter and election; in identity-keys mode, one voter per key.
      await db.schema
        .createTable('registrar_registrations')
        .addColumn('election_id', 'text', (c) => c.notNull().references('registrar_elections.id'))
        .addColumn('voter_id', 'integer', (c) => c.notNull().references('registrar_voters.id'))
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('voter_key', 'text')
        .addColumn('boxes', 'text')
        .addColumn('publication', 'integer', (c) => c.references('registrar_publications.seq'))
        .addColumn('created', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('registrar_registrations_pk', ['election_id', 'voter_id'])
        .addUniqueConstraint('registrar_registrations_one_key', ['election_id', 'voter_key'])
        .execute();
      await db.schema
        .createIndex('registrar_registrations_unpublished')
        .on('registrar_registrations')
        .columns(['election_id', 'publication'])
        .execute();
      await db.schema
        .createTable('registrar_audit')
        .addColumn('seq', serial, (c) => (d === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('time', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/** The registrar's migrations, by name. */
export function registrarMigrations(d: DialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return { '0001_registrar_initial': initial(d) };
    },
  };
}
