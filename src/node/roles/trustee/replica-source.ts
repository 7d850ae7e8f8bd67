/**
 * A source for a trustee running as its own process next to a node (`pnyx trustee run --node URL`): it
 * keeps an in-memory replica of the node's ledger, pulling blocks with their approvals over the peer API
 * and checking every one with the election rules itself — so it trusts the node for availability only,
 * never for what the ledger says.
 */
import { ok } from '../../../crypto/result.js';
import { AuthorityLedger } from '../../../ledger/authority/ledger.js';
import { CastCache } from '../../../ledger/election/cast-cache.js';
import type { ElectionEnv } from '../../../ledger/election/env.js';
import { electionRegistry } from '../../../ledger/election/registry.js';
import type { ElectionLedgerState } from '../../../ledger/election/state.js';
import { type LedgerResult, lfail } from '../../../ledger/errors.js';
import { MemoryStore } from '../../../ledger/memory-store.js';
import type { PeerClient } from '../../peer-client.js';
import { pause } from '../../service.js';
import { finalViews } from './ledger-source.js';
import type { ElectionView, TrusteeSource } from './view.js';

/** Blocks asked for at once. */
const PAGE = 500;

/** A replica of one node's ledger. */
export class ReplicaSource implements TrusteeSource {
  private constructor(
    readonly ledger: AuthorityLedger<ElectionLedgerState>,
    private readonly client: PeerClient,
  ) {}

  /**
   * Opens a replica from the node's genesis (fetched from the node, then checked like any block; pinned
   * when `opts.genesis` is given).
   */
  static async open(
    client: PeerClient,
    env: ElectionEnv,
    opts: {
      readonly now?: () => number;
      readonly signal?: AbortSignal;
      /** The genesis id the trustee expects (refused otherwise). */
      readonly genesis?: string;
    } = {},
  ): Promise<LedgerResult<ReplicaSource>> {
    const [first] = await client.getBlocks(0, 1, opts.signal);
    if (first === undefined) return lfail('GENESIS_INVALID', `${client.url} served no genesis block`);
    const ledger = await AuthorityLedger.open<ElectionLedgerState>(new MemoryStore(), {
      // One cast forwarded by several boxes is checked once.
      registry: electionRegistry(env.cache ? env : { ...env, cache: new CastCache() }),
      ed: env.ed,
      now: opts.now ?? Date.now,
      genesis: first.block,
    });
    if (!ledger.ok) return ledger;
    const id = ledger.value.genesis.id;
    if (opts.genesis !== undefined && id !== opts.genesis)
      return lfail('GENESIS_MISMATCH', `${client.url} serves the ledger ${id}, not ${opts.genesis}`);
    return ok(new ReplicaSource(ledger.value, client));
  }

  /** Pulls the node's chain from above the last final block up to its head, approvals included. */
  async pull(signal?: AbortSignal): Promise<void> {
    const head = await this.client.getHead(signal);
    if (head.genesis !== this.ledger.genesis.id)
      throw new Error(`${this.client.url} now serves another ledger`);
    let from = this.ledger.lastFinal().height + 1;
    while (from <= head.height) {
      const entries = await this.client.getBlocks(from, PAGE, signal);
      if (entries.length === 0) break;
      const r = await this.ledger.addBlocks(entries);
      if (r.failure)
        throw new Error(`${this.client.url} served a bad block: ${r.failure.code}: ${r.failure.message}`);
      from += entries.length;
    }
  }

  async elections(signal?: AbortSignal): Promise<readonly ElectionView[]> {
    await this.pull(signal);
    return finalViews(this.ledger);
  }

  changed(ms: number, signal?: AbortSignal): Promise<void> {
    return pause(ms, signal);
  }
}
