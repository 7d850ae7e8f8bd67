/**
 * A pnyx node: its ledger replica and the services of its roles, assembled from injected components.
 * Every node syncs, gossips and discovers peers (observer); `miner` adds the miner loop; `validator`
 * adds the validator (its key is the node's identity key, which must be in the genesis validator set).
 * Pure of HTTP: peers are reached through a {@link PeerConnector}; the HTTP server calls {@link NodeApi}.
 */

import { ok } from '../crypto/result.js';
import type { Rng } from '../crypto/rng.js';
import type { Ed25519 } from '../crypto/sig/ed25519.js';
import { AuthorityLedger } from '../ledger/authority/ledger.js';
import { Mempool } from '../ledger/authority/mempool.js';
import type { TxRegistry } from '../ledger/authority/registry.js';
import { txJson } from '../ledger/authority/tx.js';
import { Validator } from '../ledger/authority/validator.js';
import type { LedgerResult } from '../ledger/errors.js';
import { lfail } from '../ledger/errors.js';
import type { PowSearch } from '../ledger/pow.js';
import type { LedgerStore } from '../ledger/store.js';
import { type NodeApi, nodeApi } from './api.js';
import { LOCAL, NodeChain } from './chain.js';
import type { Role } from './config.js';
import { DiscoveryService } from './discovery.js';
import { Gossip, type GossipOptions } from './gossip.js';
import { TxIntake } from './intake.js';
import type { NodeIdentity } from './keys.js';
import { type MinerOptions, MinerService } from './miner.js';
import type { PeerConnector } from './peer-client.js';
import { type PeerPolicy, PeerSet } from './peers.js';
import { type Clock, type NodeLogger, pause, type Startable } from './service.js';
import { type SyncOptions, SyncService } from './sync.js';
import { ValidatorService } from './validator.js';
import type { VerifyPool } from './verify-pool.js';

/** Everything a node is built from. */
export interface NodeComponents<S> {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly store: LedgerStore;
  readonly registry: TxRegistry<S>;
  readonly ed: Ed25519;
  readonly identity: NodeIdentity;
  readonly logger: NodeLogger;
  readonly now: Clock;
  readonly rng: Rng;
  /** Opens clients of peers. */
  readonly connect: PeerConnector;
  /** Genesis block JSON (required for an empty store). */
  readonly genesis?: unknown;
  /** Configured peers. */
  readonly peers?: readonly string[];
  /** This node's own URL. */
  readonly self?: string;
  /** Proof-of-work search (miner role). */
  readonly search?: PowSearch;
  readonly validatorMode?: 'auto' | 'manual';
  readonly tuning?: NodeTuning;
  /**
   * Verifies signatures of pulled pages and of submitted groups on worker threads (owned by the caller,
   * who closes it after `stop()`; several nodes in one process may share one).
   */
  readonly verifyPool?: VerifyPool;
}

/** Optional tuning. */
export interface NodeTuning {
  readonly sync?: SyncOptions;
  readonly gossip?: GossipOptions;
  readonly miner?: Partial<Pick<MinerOptions, 'batchMs' | 'maxTxs' | 'maxAhead'>>;
  readonly peerPolicy?: Partial<PeerPolicy>;
  /** Period of discovery rounds (default 30 s). */
  readonly discoveryMs?: number;
  /** Period of gossip retries (default 1 s). */
  readonly retryMs?: number;
}

/** A running node. */
export interface PnyxNode<S> extends Startable {
  readonly name: string;
  /** The node's Ed25519 public key (hex): its identity as a ballot box, trustee or validator. */
  readonly key: string;
  readonly chain: NodeChain<S>;
  readonly api: NodeApi;
  readonly peers: PeerSet;
  readonly intake: TxIntake;
  readonly gossip: Gossip;
  readonly sync: SyncService;
  readonly miner?: MinerService;
  readonly validator?: ValidatorService;
}

/** Opens the ledger and builds the services; nothing runs until `start()`. */
export async function createNode<S>(c: NodeComponents<S>): Promise<LedgerResult<PnyxNode<S>>> {
  let mempool: Mempool<S> | undefined;
  const opened = await AuthorityLedger.open<S>(c.store, {
    registry: c.registry,
    ed: c.ed,
    now: c.now,
    ...(c.genesis !== undefined ? { genesis: c.genesis } : {}),
    // Transactions already checked into the pool are not verified again inside blocks.
    verifiedTx: (id) => mempool?.has(id) ?? false,
  });
  if (!opened.ok) return opened;
  const ledger = opened.value;
  mempool = await Mempool.open(ledger, { registry: c.registry, ed: c.ed, store: c.store, now: c.now });
  const chain = new NodeChain<S>(ledger, mempool, c.logger, c.verifyPool);
  const anyChain = chain as NodeChain<unknown>;
  const peers = new PeerSet({
    store: c.store,
    connect: c.connect,
    now: c.now,
    logger: c.logger,
    ...(c.self !== undefined ? { self: c.self } : {}),
    ...(c.tuning?.peerPolicy ? { policy: c.tuning.peerPolicy } : {}),
  });
  const intake = new TxIntake(anyChain, c.verifyPool ? { pool: c.verifyPool } : {});
  const gossip = new Gossip(anyChain, peers, c.logger, c.tuning?.gossip);
  const sync = new SyncService(anyChain, peers, c.logger, {
    ...c.tuning?.sync,
    ...(c.verifyPool ? { pool: c.verifyPool } : {}),
  });
  const discovery = new DiscoveryService(peers, c.logger, c.tuning?.discoveryMs);
  let miner: MinerService | undefined;
  if (c.roles.includes('miner')) {
    if (!c.search) return lfail('MINING_ABORTED', 'the miner role needs a proof-of-work search');
    miner = new MinerService(anyChain, {
      name: c.name,
      search: c.search,
      now: c.now,
      rng: c.rng,
      logger: c.logger,
      ...c.tuning?.miner,
    });
  }
  let validator: ValidatorService | undefined;
  if (c.roles.includes('validator')) {
    if (!ledger.genesis.validators.includes(c.identity.publicKey))
      return lfail('APPROVAL_NOT_VALIDATOR', `key ${c.identity.publicKey} is not a validator of this ledger`);
    const v = new Validator<S>(ledger, {
      ed: c.ed,
      secretKey: c.identity.secretKey,
      store: c.store,
      mode: c.validatorMode ?? 'auto',
    });
    validator = new ValidatorService(anyChain, v as Validator<unknown>, c.logger);
  }
  const api = nodeApi(anyChain, intake, peers);
  // Order: gossip listens before anything produces; sync fills the chain before the roles act on it.
  const services: Startable[] = [
    gossip,
    sync,
    discovery,
    ...(validator ? [validator] : []),
    ...(miner ? [miner] : []),
  ];
  const retry = new AbortController();
  let retryLoop: Promise<void> | undefined;
  const node: PnyxNode<S> = {
    name: c.name,
    key: c.identity.publicKey,
    chain,
    api,
    peers,
    intake,
    gossip,
    sync,
    ...(miner ? { miner } : {}),
    ...(validator ? { validator } : {}),
    async start() {
      await peers.load(c.peers ?? []);
      for (const s of services) await s.start();
      // Offer the reloaded pool to the peers again (a peer that was down may lack some; duplicates are "known").
      const pending = mempool.list().map((p) => ({ id: p.id, json: txJson(p.tx), origin: LOCAL }));
      if (pending.length > 0) chain.events.emit('txs', { txs: pending });
      retryLoop = (async () => {
        while (!retry.signal.aborted) {
          await pause(c.tuning?.retryMs ?? 1000, retry.signal);
          gossip.retry();
        }
      })();
      c.logger.info(
        { name: c.name, roles: c.roles, key: c.identity.publicKey, head: chain.head() },
        'node started',
      );
    },
    async stop() {
      retry.abort();
      await retryLoop;
      for (const s of [...services].reverse()) await s.stop();
      await chain.settle();
      c.logger.info({ name: c.name }, 'node stopped');
    },
  };
  return ok(node);
}

/** Submits transactions as a client would (local origin): resolves once they are durable. */
export function submitLocal<S>(node: PnyxNode<S>, txs: readonly unknown[]) {
  return node.intake.submit(txs, LOCAL);
}
