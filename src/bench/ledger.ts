/**
 * Benchmarks of the ledger network, as {@link Figure}s for `pnyx bench`:
 * `ledger.tx_per_s` (3 validator processes and 1 miner, SQLite), `ledger.sync_mb_per_s` (a fresh node
 * syncing a 10,000-block chain from one peer on loopback, with the CPU seconds it took) and
 * `ledger.pg_tx_per_s` (the first with PostgreSQL from `PNYX_TEST_PG`; left out, with a warning, when
 * PostgreSQL is unreachable).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { measureSync } from './ledger-sync.js';
import { measureTxPerSecond } from './ledger-tx.js';
import type { Figure } from './measure.js';

/** PostgreSQL of the benchmarks and tests. */
export const PG_URL = process.env.PNYX_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `ledger.tx_per_s`: signed small transactions per second until final and stored on every node. */
export async function ledgerTxFigures(opts: { count?: number } = {}): Promise<Figure[]> {
  const value = await measureTxPerSecond(opts);
  return [{ name: 'ledger.tx_per_s', value, unit: 'tx/s', target: { op: '>=', value: 2000 } }];
}

/**
 * `ledger.sync_mb_per_s`: megabytes of blocks and approvals a fresh node syncs per second; with it, the
 * CPU seconds the sync took in all (`ledger.sync_cpu_s`: the syncing and the serving process) and on the
 * syncing node's main thread (`ledger.sync_main_cpu_s`), where `/proc` can be read.
 */
export async function ledgerSyncFigures(opts: { blocks?: number } = {}): Promise<Figure[]> {
  const m = await measureSync(opts);
  const out: Figure[] = [
    { name: 'ledger.sync_mb_per_s', value: m.mbPerSecond, unit: 'MB/s', target: { op: '>=', value: 20 } },
  ];
  const { node, main, peer } = m.cpu;
  if (node !== undefined && peer !== undefined)
    out.push({ name: 'ledger.sync_cpu_s', value: node + peer, unit: 's' });
  if (main !== undefined) out.push({ name: 'ledger.sync_main_cpu_s', value: main, unit: 's' });
  return out;
}

/** Runs `f` on a fresh client of the benchmark database; undefined when it is unreachable. */
async function withPg<T>(f: (c: pg.Client) => Promise<T>): Promise<T | undefined> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
  } catch {
    return undefined;
  }
  try {
    return await f(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A node's `--db` URL: the benchmark server with another database name. */
function databaseUrl(name: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.href;
}

/** `ledger.pg_tx_per_s`: `ledger.tx_per_s` with every node on PostgreSQL (one fresh database per node). */
export async function ledgerPgFigures(opts: { count?: number } = {}): Promise<Figure[]> {
  const run = randomBytes(4).toString('hex');
  const names = ['v1', 'v2', 'v3', 'm1'].map((n) => `pnyx_bench_${run}_${n}`);
  const made = await withPg(async (c) => {
    for (const d of names) await c.query(`CREATE DATABASE ${d}`);
    return true;
  });
  if (!made) {
    process.stderr.write(`!!! PostgreSQL at ${PG_URL} is unreachable: ledger.pg_tx_per_s is SKIPPED\n`);
    return [];
  }
  try {
    const value = await measureTxPerSecond({
      ...opts,
      nodeArgs: (name) => ['--db', databaseUrl(`pnyx_bench_${run}_${name}`)],
    });
    return [{ name: 'ledger.pg_tx_per_s', value, unit: 'tx/s', target: { op: '>=', value: 2000 } }];
  } finally {
    await withPg(async (c) => {
      for (const d of names) await c.query(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
    });
  }
}
