/**
 * The store compliance suite runs against every dialect: a SQLite file in a fresh temporary directory,
 * and PostgreSQL (PNYX_TEST_PG, default postgres://postgres@127.0.0.1:5432/test) in a fresh schema
 * `pnyx_test_<random>` dropped afterwards. When PostgreSQL is unreachable the PostgreSQL half is skipped
 * with a loud warning.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type KyselyStore, openStore } from '../../src/store/kysely-store.js';
import type { StoreLocation } from '../../src/store/open.js';

export const PG_URL = process.env.PNYX_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export const PG_UP = await pgReachable();
if (!PG_UP)
  console.warn(
    `\n!!!!!!!!\n!!! PostgreSQL at ${PG_URL} is unreachable: the PostgreSQL store tests are SKIPPED.\n!!! Set PNYX_TEST_PG to a reachable server to run them.\n!!!!!!!!\n`,
  );

/** A database location for one test, and how to remove it afterwards. */
export interface TestDb {
  readonly name: 'sqlite' | 'postgres';
  readonly loc: StoreLocation;
  open(): Promise<KyselyStore>;
  cleanup(): Promise<void>;
}

/** A fresh SQLite file. */
export function sqliteDb(): TestDb {
  const dir = mkdtempSync(join(process.cwd(), '.pnyx-test-'));
  const loc: StoreLocation = { kind: 'sqlite', file: join(dir, 'node.db') };
  return {
    name: 'sqlite',
    loc,
    open: () => openStore(loc),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh PostgreSQL schema. */
export function postgresDb(): TestDb {
  const schema = `pnyx_test_${randomBytes(6).toString('hex')}`;
  const loc: StoreLocation = { kind: 'postgres', url: PG_URL, schema };
  return {
    name: 'postgres',
    loc,
    open: () => openStore(loc),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** The dialects to run, with whether each is available. */
export const DIALECTS: readonly { name: 'sqlite' | 'postgres'; make: () => TestDb; up: boolean }[] = [
  { name: 'sqlite', make: sqliteDb, up: true },
  { name: 'postgres', make: postgresDb, up: PG_UP },
];
