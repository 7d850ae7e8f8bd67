/**
 * A registrar on a real loopback server for the tests: its tables in a fresh SQLite file or PostgreSQL
 * schema (PNYX_TEST_PG, skipped loudly when unreachable), a settable clock, the `test` argon2 cost, and a
 * `submitTx` that collects what the registrar publishes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { ok } from '../../../src/crypto/result.js';
import { systemRng } from '../../../src/crypto/rng.js';
import { ed25519Pure } from '../../../src/crypto/sig/ed25519.js';
import type { Tx } from '../../../src/ledger/authority/tx.js';
import { type Client, createClient, createServer, type NetServer } from '../../../src/net/index.js';
import { mountRegistrar } from '../../../src/node/roles/registrar/http/mount.js';
import { REGISTRAR_ROUTES, type RegistrarRoutes } from '../../../src/node/roles/registrar/http/routes.js';
import type { Registrar } from '../../../src/node/roles/registrar/registrar.js';
import { openDatabase, type StoreLocation } from '../../../src/store/open.js';
import { REGISTRAR } from '../../protocol/election/fixtures.js';

/** PostgreSQL of the tests. */
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

/** Is PostgreSQL reachable? */
export const PG_UP = await pgReachable();
if (!PG_UP)
  console.warn(
    `\n!!!!!!!!\n!!! PostgreSQL at ${PG_URL} is unreachable: the PostgreSQL registrar tests are SKIPPED.\n!!! Set PNYX_TEST_PG to a reachable server to run them.\n!!!!!!!!\n`,
  );

/** The node admin token of the test server. */
export const OPERATOR_TOKEN = 'operator-token-for-tests';

/** A running test registrar. */
export interface Harness {
  readonly reg: Registrar;
  readonly client: Client<RegistrarRoutes>;
  readonly url: string;
  readonly submitted: Tx[];
  /** When true, `submitTx` throws as an unreachable ledger would. */
  ledgerDown: { down: boolean };
  /** The test clock (milliseconds). */
  clock: { t: number };
  /** Every row of every registrar table, as one JSON text (to show that nothing changed). */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

/** A moment before the test election opens. */
export const T0 = 1_799_999_000_000;

const TABLES = [
  'registrar_voters',
  'registrar_admins',
  'registrar_login_failures',
  'registrar_sessions',
  'registrar_elections',
  'registrar_roll_members',
  'registrar_registrations',
  'registrar_publications',
  'registrar_audit',
] as const;

/** Starts a registrar on `dialect`. */
export async function startHarness(dialect: 'sqlite' | 'postgres'): Promise<Harness> {
  let loc: StoreLocation;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pnyx-registrar-'));
    loc = { kind: 'sqlite', file: join(dir, 'registrar.db') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `pnyx_test_${randomBytes(6).toString('hex')}`;
    loc = { kind: 'postgres', url: PG_URL, schema };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    };
  }
  const opened = await openDatabase(loc);
  const clock = { t: T0 };
  const submitted: Tx[] = [];
  const ledgerDown = { down: false };
  const {
    registrar: reg,
    routes,
    handlers,
  } = await mountRegistrar({
    database: {
      db: opened.db,
      dialect: opened.dialect,
      ...(loc.kind === 'postgres' ? { schema: loc.schema } : {}),
    },
    ed: ed25519Pure,
    key: REGISTRAR,
    rng: systemRng,
    now: () => clock.t,
    atRestSecret: randomBytes(32),
    submitTx: async (tx) => {
      if (ledgerDown.down) throw new Error('connection refused');
      submitted.push(tx);
      return ok(true);
    },
    cost: 'test',
    publishDelayMs: 10_000, // tests flush explicitly
  });
  await reg.start();
  const db = reg.context.db;
  const server: NetServer = createServer({
    routes,
    handlers,
    logger: pino({ level: 'silent' }),
    adminToken: OPERATOR_TOKEN,
    limits: { rateLimitMax: 100_000 },
  });
  const url = await server.start();
  const client = createClient(REGISTRAR_ROUTES, url, { adminToken: OPERATOR_TOKEN });
  return {
    reg,
    client,
    url,
    submitted,
    clock,
    ledgerDown,
    async snapshot() {
      const out: Record<string, unknown[]> = {};
      for (const t of TABLES) out[t] = await db.db.selectFrom(t).selectAll().execute();
      return JSON.stringify(out);
    },
    async close() {
      await server.stop();
      await reg.stop();
      await opened.db.destroy();
      await cleanup();
    },
  };
}
