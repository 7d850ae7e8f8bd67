/**
 * `ledger.tx_per_s`: signed small transactions per second from submission until they are in final blocks
 * stored by every node, with 3 validator processes and 1 miner process on this machine.
 */

import { toHex } from '../crypto/bytes.js';
import { sha256 } from '../crypto/encoding/hash.js';
import { ed25519Native as ed } from '../crypto/node/ed25519-native.js';
import { signTx, txJson } from '../ledger/authority/tx.js';
import { createClient } from '../net/client.js';
import { type LedgerClient, PEER_CLIENT_ROUTES } from '../node/http/peer-client.js';
import type { TxWire } from '../node/http/schemas.js';
import { type Cluster, makeCluster, sleep } from './ledger-cluster.js';

/** Options of {@link measureTxPerSecond}. */
export interface TxBenchOptions {
  /** Transactions submitted (default 20 000). */
  readonly count?: number;
  /** Proof-of-work bits (default 4). */
  readonly hardness?: number;
  /** Extra `pnyx node` arguments per node (e.g. `--db` for PostgreSQL). */
  readonly nodeArgs?: (name: string) => readonly string[];
  /** Give up after this long (default 120 s). */
  readonly timeoutMs?: number;
}

/** Signed `note` transactions of about 200 bytes each, in batches of at most 1000. */
function signedBatches(chain: string, count: number): TxWire[][] {
  const sk = sha256('pnyx bench author');
  const author = toHex(ed.publicKeyFromSecret(sk));
  const batches: TxWire[][] = [];
  for (let i = 0; i < count; i += 1000) {
    const txs: TxWire[] = [];
    for (let j = i; j < Math.min(count, i + 1000); j++)
      txs.push(
        txJson(signTx(ed, sk, { type: 'note', author, chain, body: { text: `bench ${j}` } })) as TxWire,
      );
    batches.push(txs);
  }
  return batches;
}

/** Posts the batches, four at a time, spread over the nodes; every transaction must be taken. */
async function submitAll(clients: readonly LedgerClient[], batches: readonly TxWire[][]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const i = next++;
      const r = await clients[i % clients.length]!.peerTxs(
        { body: { txs: batches[i]! } },
        { timeoutMs: 120_000 },
      );
      const bad = r.results.find((x) => !x.ok);
      if (bad) throw new Error(`batch ${i} refused: ${JSON.stringify(bad)}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** Starts 3 validators and 1 miner, submits, and returns transactions per second (all nodes final). */
export async function measureTxPerSecond(opts: TxBenchOptions = {}): Promise<number> {
  const count = opts.count ?? 20_000;
  const cluster: Cluster = makeCluster(['v1', 'v2', 'v3'], opts.hardness ?? 4);
  try {
    const names = ['v1', 'v2', 'v3', 'm1'];
    const ports: string[] = [];
    for (const name of names) {
      const role = name.startsWith('v') ? 'validator' : 'miner';
      const n = await cluster.start(name, role, ports, opts.nodeArgs?.(name) ?? []);
      ports.push(n.url);
    }
    // Peers listed only one way are learnt back through announcements; wait until everyone knows everyone.
    await sleep(500);
    const batches = signedBatches(cluster.genesisId, count);
    const clients = ports.map((url) => createClient(PEER_CLIENT_ROUTES, url));
    const t0 = performance.now();
    await submitAll(clients, batches);
    if (process.env.PNYX_BENCH_DEBUG) console.error('submitted', performance.now() - t0);
    const until = Date.now() + (opts.timeoutMs ?? 120_000);
    for (;;) {
      const done = await Promise.all(
        clients.map(async (c) => (await c.chain(undefined, { timeoutMs: 60_000 })).final_txs),
      );
      if (process.env.PNYX_BENCH_DEBUG) console.error(performance.now() - t0, done.join(' '));
      if (done.every((n) => n >= count)) break;
      if (Date.now() > until)
        throw new Error(`only ${Math.min(...done)} of ${count} transactions became final`);
      await sleep(100); // within the explorer's rate limit of 600 calls a minute
    }
    return count / ((performance.now() - t0) / 1000);
  } finally {
    await cluster.stop();
  }
}
