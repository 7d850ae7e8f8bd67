/**
 * `ledger.sync_mb_per_s`: a fresh node (in this process, SQLite) pulls a 10,000-block chain from one
 * peer process on loopback over HTTP; megabytes (10^6 bytes) of canonical block and approval JSON per
 * second, from the first request until every block is checked and stored. Also where the CPU time of
 * that interval went: this process (main thread, verify workers, V8's threads) and the serving process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { noteRegistry } from '../cli/node-registry.js';
import { ed25519Native as ed } from '../crypto/node/ed25519-native.js';
import { systemRng } from '../crypto/rng.js';
import { blockJson } from '../ledger/block.js';
import { useNativeLedgerHash } from '../ledger/node/native-hash.js';
import { httpConnector } from '../node/http/peer-client.js';
import { loadOrCreateIdentity } from '../node/keys.js';
import { createNode } from '../node/node.js';
import { createVerifyPool } from '../node/verify-pool.js';
import { openStore } from '../store/kysely-store.js';
import { mainThreadCpuSeconds, processCpuSeconds } from './cpu.js';
import { syntheticGenesis, writeSyntheticChain } from './ledger-chain.js';
import { makeCluster } from './ledger-cluster.js';

/** Options of {@link measureSyncMbPerSecond}. */
export interface SyncBenchOptions {
  /** Blocks after the genesis (default 10 000). */
  readonly blocks?: number;
  /** Proof-of-work bits (default 4). */
  readonly hardness?: number;
}

/** CPU seconds spent during a sync (each undefined where `/proc` cannot be read). */
export interface SyncCpu {
  /** The syncing node's process: main thread, verify workers and V8's own threads. */
  readonly node: number | undefined;
  /** The syncing node's main thread alone. */
  readonly main: number | undefined;
  /** The serving node's process. */
  readonly peer: number | undefined;
}

/** What a sync measurement found. */
export interface SyncMeasurement {
  readonly mbPerSecond: number;
  readonly seconds: number;
  readonly cpu: SyncCpu;
}

/** CPU seconds of this process, its main thread and the peer process at one moment. */
function cpuNow(peerPid: number | undefined): SyncCpu {
  const u = process.cpuUsage();
  return {
    node: (u.user + u.system) / 1e6,
    main: mainThreadCpuSeconds(),
    peer: peerPid === undefined ? undefined : processCpuSeconds(peerPid),
  };
}

const minus = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a - b;

/** Serves a synthetic chain from one node process and times a fresh node's sync. */
export async function measureSync(opts: SyncBenchOptions = {}): Promise<SyncMeasurement> {
  const blocks = opts.blocks ?? 10_000;
  const genesis = syntheticGenesis(opts.hardness ?? 4);
  const cluster = makeCluster([], 0, genesis);
  const local = mkdtempSync(join(tmpdir(), 'pnyx-sync-'));
  const connector = httpConnector({});
  // As `pnyx node` runs it: ledger ids on OpenSSL's SHA-256, signatures checked on a worker pool.
  useNativeLedgerHash();
  const verifyPool = createVerifyPool();
  try {
    const chain = await writeSyntheticChain(join(cluster.dir, 'a'), 'a', genesis, blocks);
    const peer = await cluster.start('a', 'observer', []);
    // The fresh node: observer only, SQLite in its own directory, nothing running in the background.
    const store = await openStore({ kind: 'sqlite', file: join(local, 'b.db') });
    const id = loadOrCreateIdentity(join(local, 'b.key'), ed, systemRng);
    if (!id.ok) throw new Error(id.message);
    const built = await createNode({
      name: 'b',
      roles: ['observer'],
      store,
      registry: noteRegistry,
      ed,
      identity: id.value.identity,
      logger: pino({ level: 'warn' }),
      now: Date.now,
      rng: systemRng,
      connect: connector.connect,
      genesis: blockJson(genesis),
      peers: [peer.url],
      verifyPool,
    });
    if (!built.ok) throw new Error(built.message);
    const node = built.value;
    await node.peers.load([peer.url]);
    const c0 = cpuNow(peer.proc.pid);
    const t0 = performance.now();
    while (node.chain.ledger.lastFinal().height < blocks) {
      const before = node.chain.ledger.head().height;
      await node.sync.round();
      if (node.chain.ledger.head().height === before) throw new Error(`sync stopped at height ${before}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    const c1 = cpuNow(peer.proc.pid);
    await store.close();
    return {
      mbPerSecond: chain.bytes / 1e6 / seconds,
      seconds,
      cpu: { node: minus(c1.node, c0.node), main: minus(c1.main, c0.main), peer: minus(c1.peer, c0.peer) },
    };
  } finally {
    connector.close();
    await verifyPool.close();
    await cluster.stop();
    rmSync(local, { recursive: true, force: true });
  }
}
