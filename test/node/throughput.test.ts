/**
 * Measured figures of the in-process pipeline (printed, with loose lower bounds so that a slow machine
 * does not fail the suite): signed small transactions per second from submission to final block on every
 * node (3 validators + 1 miner, SQLite, hardness 6, worker-thread proof of work), and the speed at which a
 * fresh node syncs a chain from one peer.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/crypto/encoding/canonical-json.js';
import { txId, txJson } from '../../src/ledger/authority/tx.js';
import { workerPowSearch } from '../../src/ledger/node/pow-worker.js';
import { submitLocal } from '../../src/node/node.js';
import { createVerifyPool } from '../../src/node/verify-pool.js';
import { allFinal, keyPair, type TestNet, testNet, tx, until } from './helpers.js';

let t: TestNet | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});
const pool = createVerifyPool(2);
afterAll(() => pool.close());

const CORE = [
  { name: 'v0', roles: ['validator'], v: 0 },
  { name: 'v1', roles: ['validator'], v: 1 },
  { name: 'v2', roles: ['validator'], v: 2 },
  { name: 'm', roles: ['miner'] },
] as const;

/** Transactions of the first test and of the synced chain (raise them with PNYX_TX_COUNT). */
const N = Number(process.env.PNYX_TX_COUNT ?? 1000);

describe('throughput (in process)', () => {
  it(`${N} signed transactions from submission to final block on every node`, async () => {
    t = testNet({ sqlite: true, search: workerPowSearch(), verifyPool: pool });
    for (const s of CORE) await t.up(s);
    const authors = Array.from({ length: 16 }, (_, i) => keyPair(`author${i}`));
    const txs = Array.from({ length: N }, (_, i) => tx(authors[i % 16]!, 'note', { text: `message ${i}` }));
    const ids = txs.map(txId);
    const nodes = [...t.nodes.values()];
    const t0 = performance.now();
    // clients send batches of 50 to the four nodes in turn, all at once
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < N; i += 50)
      sends.push(submitLocal(nodes[(i / 50) % nodes.length]!, txs.slice(i, i + 50).map(txJson)));
    await Promise.all(sends);
    const tAck = performance.now();
    for (const n of nodes) await until(() => allFinal(n, ids), 120_000, `final on ${n.name}`);
    const s = (performance.now() - t0) / 1000;
    const m = t.nodes.get('m')!.miner!.stats;
    console.log(
      `[throughput] ${N} tx: acknowledged in ${(tAck - t0).toFixed(0)} ms, final on all 4 nodes in ${(s * 1000).toFixed(0)} ms = ${(N / s).toFixed(0)} tx/s (${m.blocks} blocks)`,
    );
    expect(N / s).toBeGreaterThan(100);
  }, 180_000);

  it('a fresh node syncs a chain from one peer', async () => {
    t = testNet({ sqlite: true, tuning: { miner: { maxTxs: 20, batchMs: 0 } }, verifyPool: pool });
    for (const s of CORE) await t.up(s);
    const authors = Array.from({ length: 16 }, (_, i) => keyPair(`s${i}`));
    const txs = Array.from({ length: N / 2 }, (_, i) => tx(authors[i % 16]!, 'note', { text: `sync ${i}` }));
    await submitLocal(t.nodes.get('m')!, txs.map(txJson));
    for (const n of t.nodes.values()) await until(() => allFinal(n, txs.map(txId)), 120_000);
    const source = t.nodes.get('v0')!;
    const blocks = source.chain.ledger.lastFinal().height;
    const bytes = source.chain.entriesFrom(1, blocks).reduce((a, e) => a + canonicalJson(e.block).length, 0);
    for (const n of [...t.nodes.keys()]) if (n !== 'v0') t.net.setOnline(`mem://${n}`, false);
    const before = t.net.bytes;
    const t0 = performance.now();
    const fresh = await t.up({ name: 'fresh', roles: ['observer'] });
    await until(() => fresh.chain.ledger.lastFinal().height >= blocks, 120_000, 'fresh synced');
    const s = (performance.now() - t0) / 1000;
    const wire = t.net.bytes - before;
    console.log(
      `[sync] ${blocks} blocks, ${(bytes / 1e6).toFixed(2)} MB of blocks (${(wire / 1e6).toFixed(2)} MB on the wire with approvals) in ${(s * 1000).toFixed(0)} ms = ${(bytes / 1e6 / s).toFixed(2)} MB/s of blocks, ${(blocks / s).toFixed(0)} blocks/s`,
    );
    expect(blocks).toBeGreaterThanOrEqual(N / 40);
  }, 240_000);
});
