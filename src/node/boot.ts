/**
 * Opening a node from its configuration: checks the configuration, reads or creates the identity key,
 * opens (and migrates) the database, reads the genesis file, and builds the node. The caller adds the
 * HTTP server and starts both; closing the returned store is the caller's job after `stop()`.
 */
import { readFileSync } from 'node:fs';
import { parseJson } from '../crypto/encoding/canonical-json.js';
import type { Rng } from '../crypto/rng.js';
import type { Ed25519 } from '../crypto/sig/ed25519.js';
import type { TxRegistry } from '../ledger/authority/registry.js';
import { type LedgerResult, lfail } from '../ledger/errors.js';
import type { PowSearch } from '../ledger/pow.js';
import type { LedgerStore } from '../ledger/store.js';
import { openStore } from '../store/kysely-store.js';
import { StoreOpenError } from '../store/open.js';
import { checkConfig, keyFilePath, type NodeConfig, storeLocation } from './config.js';
import { loadOrCreateIdentity, type NodeIdentity } from './keys.js';
import { createNode, type NodeTuning, type PnyxNode } from './node.js';
import type { PeerConnector } from './peer-client.js';
import type { Clock, NodeLogger } from './service.js';
import type { createVerifyPool, VerifyPool } from './verify-pool.js';

/** What booting needs besides the configuration. */
export interface BootDeps<S> {
  readonly registry: TxRegistry<S>;
  readonly ed: Ed25519;
  readonly rng: Rng;
  readonly logger: NodeLogger;
  readonly now: Clock;
  /** Opens peer clients (the HTTP layer's typed client, through the proxy when configured). */
  readonly connect: PeerConnector;
  /** Proof-of-work search for the miner role (e.g. `workerPowSearch()`). */
  readonly search?: PowSearch;
  readonly tuning?: NodeTuning;
  /** Worker-thread signature verification (see {@link createVerifyPool}). */
  readonly verifyPool?: VerifyPool;
}

/** A booted node and what it holds open. */
export interface Booted<S> {
  readonly node: PnyxNode<S>;
  readonly store: LedgerStore;
  readonly identity: NodeIdentity;
  readonly config: NodeConfig;
}

/** Boots a node; every failure is a stable code and a sentence naming the option or file at fault. */
export async function bootNode<S>(config: NodeConfig, deps: BootDeps<S>): Promise<LedgerResult<Booted<S>>> {
  const c = checkConfig(config);
  if (!c.ok) return c;
  const cfg = c.value;
  const id = loadOrCreateIdentity(keyFilePath(cfg), deps.ed, deps.rng);
  if (!id.ok) return id;
  const { identity, created } = id.value;
  if (created) deps.logger.info({ key: identity.publicKey, file: keyFilePath(cfg) }, 'identity key created');
  let genesis: unknown;
  if (cfg.genesisFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(cfg.genesisFile, 'utf8');
    } catch (e) {
      return lfail('GENESIS_INVALID', `cannot read --genesis ${cfg.genesisFile}: ${(e as Error).message}`);
    }
    const p = parseJson(text.trim());
    if (!p.ok) return lfail('GENESIS_INVALID', `--genesis ${cfg.genesisFile}: ${p.message}`);
    genesis = p.value;
  }
  let store: LedgerStore;
  try {
    store = await openStore(storeLocation(cfg));
  } catch (e) {
    // The store's own code: STORE_UNAVAILABLE (cannot be reached or opened) or STORE_MIGRATION_FAILED.
    const code = e instanceof StoreOpenError ? e.code : 'STORE_UNAVAILABLE';
    return lfail(code, `cannot open the database: ${(e as Error).message}`);
  }
  const n = await createNode<S>({
    name: cfg.name,
    roles: cfg.roles,
    store,
    registry: deps.registry,
    ed: deps.ed,
    identity,
    logger: deps.logger,
    now: deps.now,
    rng: deps.rng,
    connect: deps.connect,
    peers: cfg.peers,
    ...(genesis !== undefined ? { genesis } : {}),
    ...(cfg.publicUrl !== undefined ? { self: cfg.publicUrl } : {}),
    ...(deps.search ? { search: deps.search } : {}),
    ...(cfg.validatorMode ? { validatorMode: cfg.validatorMode } : {}),
    ...(deps.tuning ? { tuning: deps.tuning } : {}),
    ...(deps.verifyPool ? { verifyPool: deps.verifyPool } : {}),
  });
  if (!n.ok) {
    await store.close();
    return n;
  }
  return { ok: true, value: { node: n.value, store, identity, config: cfg } };
}
