/** In-process networks of nodes for the node tests: loopback peers, SQLite or memory stores, toy registry. */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ok } from '../../src/crypto/result.js';
import { systemRng } from '../../src/crypto/rng.js';
import { blockJson, meetsPow } from '../../src/ledger/block.js';
import { lfail } from '../../src/ledger/errors.js';
import { MemoryStore } from '../../src/ledger/memory-store.js';
import { blockIdFromTemplate } from '../../src/ledger/node/template-id.js';
import type { PowSearch } from '../../src/ledger/pow.js';
import type { LedgerStore } from '../../src/ledger/store.js';
import type { Role } from '../../src/node/config.js';
import { identityFromSeed } from '../../src/node/keys.js';
import { LoopbackNetwork } from '../../src/node/loopback.js';
import { createNode, type NodeTuning, type PnyxNode } from '../../src/node/node.js';
import { silentLogger } from '../../src/node/service.js';
import type { VerifyPool } from '../../src/node/verify-pool.js';
import { openStore } from '../../src/store/kysely-store.js';
import { ed, GENESIS, keyPair, registry, V, type VoteState } from '../ledger/helpers.js';

export { ALICE, BOB, ed, GENESIS, GENESIS_ID, keyPair, tx, V } from '../ledger/helpers.js';

/** A proof-of-work search on the main thread, yielding every 2 000 nonces (tests with tiny hardness). */
export const inlineSearch: PowSearch = async (job, o = {}) => {
  const t0 = performance.now();
  for (let nonce = job.start; nonce < job.end; nonce++) {
    if (nonce % 2000 === 0) {
      await new Promise((r) => setImmediate(r));
      if (o.signal?.aborted) return lfail('MINING_ABORTED', 'aborted');
    }
    const id = blockIdFromTemplate(job.template, nonce);
    if (meetsPow(id, job.hardness))
      return ok({ nonce, id, hashes: nonce - job.start + 1, ms: performance.now() - t0 });
  }
  return lfail('MINING_EXHAUSTED', 'exhausted');
};

/** A clock a little after the genesis fixture's time (blocks use the real clock otherwise). */
export const now = (): number => Date.now();

/** One node's recipe. */
export interface NodeSpec {
  readonly name: string;
  readonly roles: readonly Role[];
  /** Validator index into V (its key becomes the node identity). */
  readonly v?: number;
  readonly mode?: 'auto' | 'manual';
}

/** A test network. */
export interface TestNet {
  readonly net: LoopbackNetwork;
  readonly nodes: Map<string, PnyxNode<VoteState>>;
  readonly stores: Map<string, LedgerStore>;
  /** Data directory of the SQLite files (`NAME.db`), when `sqlite` was asked. */
  readonly dir: string | undefined;
  /** Builds (or rebuilds over its kept store) and starts a node. */
  up(spec: NodeSpec): Promise<PnyxNode<VoteState>>;
  /** Stops a node and takes it off the network (its store stays). */
  down(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Creates a network; `sqlite` keeps each node's data in a temporary SQLite file. */
export function testNet(
  opts: { sqlite?: boolean; tuning?: NodeTuning; search?: PowSearch; verifyPool?: VerifyPool } = {},
): TestNet {
  const net = new LoopbackNetwork();
  const nodes = new Map<string, PnyxNode<VoteState>>();
  const stores = new Map<string, LedgerStore>();
  const dir = opts.sqlite ? mkdtempSync(join(process.cwd(), '.pnyx-test-')) : undefined;
  const specs: NodeSpec[] = [];
  const url = (name: string) => `mem://${name}`;
  const t: TestNet = {
    net,
    nodes,
    stores,
    dir,
    async up(spec) {
      if (!specs.some((s) => s.name === spec.name)) specs.push(spec);
      let store = stores.get(spec.name);
      if (!store) {
        store = dir
          ? await openStore({ kind: 'sqlite', file: join(dir, `${spec.name}.db`) })
          : new MemoryStore();
        stores.set(spec.name, store);
      }
      const seed = spec.v !== undefined ? V[spec.v]!.sk : keyPair(spec.name).sk;
      const r = await createNode<VoteState>({
        name: spec.name,
        roles: spec.roles,
        store,
        registry,
        ed,
        identity: identityFromSeed(ed, seed),
        logger: silentLogger,
        now,
        rng: systemRng,
        connect: net.connector(url(spec.name)),
        genesis: blockJson(GENESIS),
        peers: specs.filter((s) => s.name !== spec.name).map((s) => url(s.name)),
        self: url(spec.name),
        search: opts.search ?? inlineSearch,
        ...(spec.mode ? { validatorMode: spec.mode } : {}),
        ...(opts.verifyPool ? { verifyPool: opts.verifyPool } : {}),
        tuning: { sync: { intervalMs: 200 }, retryMs: 100, ...opts.tuning },
      });
      if (!r.ok) throw new Error(r.message);
      const node = r.value;
      nodes.set(spec.name, node);
      net.serve(url(spec.name), node.api);
      // earlier nodes learn about the new one
      for (const [name, other] of nodes) if (name !== spec.name) other.peers.add(url(spec.name));
      await node.start();
      return node;
    },
    async down(name) {
      const n = nodes.get(name);
      net.unserve(url(name));
      if (n) await n.stop();
      nodes.delete(name);
    },
    async close() {
      for (const name of [...nodes.keys()]) await t.down(name);
      for (const s of stores.values()) await s.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Polls until `cond` holds (or fails after `ms`). */
export async function until(cond: () => boolean, ms = 20_000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** True when every given transaction id is in a final block of the node. */
export function allFinal(node: PnyxNode<VoteState>, ids: readonly string[]): boolean {
  const ledger = node.chain.ledger;
  const f = ledger.lastFinal();
  return ids.every((id) => ledger.tree.onChain(id, f));
}
