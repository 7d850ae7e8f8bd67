/**
 * The node's replica of the ledger: the authority ledger and its mempool behind the operations a node
 * performs, each durable before it returns (store first, then answer), each followed by an event that
 * the other services react to (gossip, validator, miner). Items from peers are fully checked by the
 * ledger before anything is stored.
 */
import { isJsonObject, type JsonValue } from '../crypto/encoding/canonical-json.js';
import { type Approval, approvalJson, approvalText, decodeApproval } from '../ledger/authority/approval.js';
import type { AuthorityLedger, BatchAdded, BlockEntry } from '../ledger/authority/ledger.js';
import type { Mempool, TxAdded } from '../ledger/authority/mempool.js';
import { type TreeNode, verdictsOf } from '../ledger/authority/tree.js';
import { txJson } from '../ledger/authority/tx.js';
import type { VerifiedTx } from '../ledger/authority/tx-check.js';
import { blockJson, blockText } from '../ledger/block.js';
import type { LedgerResult } from '../ledger/errors.js';
import { entriesPage, entryText, PAGE_BYTES } from './entries-page.js';
import { Events } from './events.js';
import type { PeerHead, PostResult, WireEntry } from './peer-client.js';
import { preverifyEntries } from './preverify.js';
import { errorMessage, type NodeLogger } from './service.js';
import { TextCache } from './text-cache.js';
import type { VerifyPool } from './verify-pool.js';

/** Where an item came from: this node, or a peer URL (when known). */
export type Origin = { readonly kind: 'local' } | { readonly kind: 'peer'; readonly url?: string };

/** The local origin. */
export const LOCAL: Origin = { kind: 'local' };

/** Events of the chain. */
export interface ChainEvents {
  /** New pending transactions (durable). */
  txs: { readonly txs: readonly { id: string; json: JsonValue; origin: Origin }[] };
  /** A new block in the tree (durable). */
  block: { readonly id: string; readonly height: number; readonly origin: Origin };
  /** A new verdict counted or kept (durable). */
  approval: { readonly approval: Approval; readonly origin: Origin };
  /** The last final block moved. */
  final: { readonly id: string; readonly height: number };
  /** A block arrived whose parent is unknown: time to sync. */
  behind: { readonly origin: Origin };
}

/** The node's ledger replica. */
export class NodeChain<S> {
  readonly events = new Events<ChainEvents>();
  private pruning: Promise<void> | undefined;
  private readonly texts = new TextCache();
  private prunePending = false;

  /**
   * With a {@link VerifyPool}, the transaction signatures of a block from a peer that this node has not
   * checked yet (not pending here) are verified on worker threads before the ledger's checks.
   */
  constructor(
    readonly ledger: AuthorityLedger<S>,
    readonly mempool: Mempool<S>,
    private readonly logger: NodeLogger,
    private readonly pool?: VerifyPool,
  ) {}

  /** Head and last final block. */
  head(): PeerHead {
    const h = this.ledger.head();
    const f = this.ledger.lastFinal();
    return {
      genesis: this.ledger.genesis.id,
      id: h.id,
      height: h.height,
      final_id: f.id,
      final_height: f.height,
    };
  }

  /**
   * Checks transactions, stores the accepted ones in one commit, then announces them. Use
   * `TxIntake` to group concurrent submissions into one call.
   */
  async addTxs(
    items: readonly { v: unknown; origin: Origin }[],
    signatureOk?: VerifiedTx,
  ): Promise<LedgerResult<TxAdded>[]> {
    const rs = await this.mempool.addMany(
      items.map((x) => x.v),
      signatureOk ? { signatureOk } : {},
    );
    const fresh: { id: string; json: JsonValue; origin: Origin }[] = [];
    rs.forEach((r, i) => {
      const item = items[i]!;
      if (r.ok && r.value.status === 'added')
        fresh.push({ id: r.value.id, json: item.v as JsonValue, origin: item.origin });
    });
    if (fresh.length > 0) this.events.emit('txs', { txs: fresh });
    return rs;
  }

  /** Checks and stores a block, then announces it. */
  async addBlock(v: unknown, origin: Origin): Promise<PostResult> {
    const verified = origin.kind === 'peer' ? await this.preverifyBlock(v) : undefined;
    const before = this.ledger.lastFinal();
    const r = await this.ledger.addBlock(v, verified ? (id) => verified.has(id) : undefined);
    if (!r.ok) {
      if (r.code === 'BLOCK_PARENT_UNKNOWN') this.events.emit('behind', { origin });
      return r;
    }
    if (r.value.status === 'added') {
      this.events.emit('block', { id: r.value.id, height: r.value.height, origin });
      this.afterChange(before);
    }
    return { ok: true, status: r.value.status };
  }

  /**
   * Ids of the block's transactions whose signatures verified on the pool; undefined without a pool, for
   * a block with fewer than {@link POOL_MIN_TXS} transactions, or when the pool failed (the ledger then
   * verifies them itself). Transactions pending here are skipped: the ledger does not check them again.
   */
  private async preverifyBlock(v: unknown): Promise<Set<string> | undefined> {
    if (!this.pool || !isJsonObject(v) || !isJsonObject(v.content)) return undefined;
    const txs = v.content.txs;
    if (!Array.isArray(txs) || txs.length < POOL_MIN_TXS) return undefined;
    const mempool = this.mempool;
    return preverifyEntries(this.pool, [{ block: v, approvals: [] }], (id) => mempool.has(id)).catch(
      () => undefined,
    );
  }

  /** Checks and stores an approval, then announces it. */
  async addApproval(v: unknown, origin: Origin): Promise<PostResult> {
    const before = this.ledger.lastFinal();
    const r = await this.ledger.addApproval(v);
    if (!r.ok) return r;
    if (r.value.status !== 'known') {
      const a = decodeApproval(v); // cannot fail: the ledger accepted it
      if (a.ok) this.announceApproval(a.value, origin);
      this.afterChange(before);
    }
    // A verdict on a block this node lacks announces the block: pull it.
    if (r.value.status === 'orphan') this.events.emit('behind', { origin });
    return { ok: true, status: r.value.status };
  }

  /** Announces a verdict this node's validator signed (the validator already stored and counted it). */
  announceApproval(a: Approval, origin: Origin = LOCAL): void {
    this.events.emit('approval', { approval: a, origin });
  }

  /** Notes a change made by another component (e.g. the validator counting its own verdict). */
  changed(before: TreeNode<S>): void {
    this.afterChange(before);
  }

  /** Adds blocks pulled from a peer in one commit; announces the new ones. */
  async addEntries(
    entries: readonly WireEntry[],
    origin: Origin,
    signatureOk?: VerifiedTx,
  ): Promise<BatchAdded> {
    const before = this.ledger.lastFinal();
    const r = await this.ledger.addBlocks(
      entries as readonly BlockEntry[],
      signatureOk ? { signatureOk } : {},
    );
    for (const id of r.added) {
      const n = this.ledger.get(id)!;
      this.events.emit('block', { id, height: n.height, origin });
    }
    if (r.blocks > 0 || r.approvals > 0) this.afterChange(before);
    return r;
  }

  /** Blocks of the main chain from a height, with approvals (what peers pull). */
  entriesFrom(from: number, limit: number): WireEntry[] {
    const head = this.ledger.head();
    if (from > head.height || limit <= 0) return [];
    const last = Math.min(head.height, from + limit - 1);
    const out: WireEntry[] = [];
    for (let n = this.ledger.tree.ancestorAt(head, last); n && n.height >= from; n = n.parent)
      out.push(entryOf(n));
    return out.reverse();
  }

  /**
   * The same page as {@link entriesFrom}, as the canonical JSON text `{"entries":[…]}`, ready to send
   * byte for byte, cut before the entry that would take it over `budget` bytes (the first entry is always
   * sent), so an answer stays within what a client accepts whatever the block sizes.
   */
  pageText(from: number, limit: number, budget = PAGE_BYTES): string {
    const head = this.ledger.head();
    if (from > head.height || limit <= 0) return entriesPage([]);
    const last = Math.min(head.height, from + limit - 1);
    const nodes: TreeNode<S>[] = [];
    for (let n = this.ledger.tree.ancestorAt(head, last); n && n.height >= from; n = n.parent) nodes.push(n);
    return entriesPage(this.entryTexts(nodes.reverse()), budget);
  }

  /** Blocks by id with approvals. */
  entriesById(ids: readonly string[]): WireEntry[] {
    return this.nodesById(ids).map(entryOf);
  }

  /** The same entries as {@link entriesById}, as a page of canonical JSON text cut like {@link pageText}. */
  pageTextById(ids: readonly string[], budget = PAGE_BYTES): string {
    return entriesPage(this.entryTexts(this.nodesById(ids)), budget);
  }

  private nodesById(ids: readonly string[]): TreeNode<S>[] {
    const out: TreeNode<S>[] = [];
    for (const id of ids) {
      const n = this.ledger.get(id);
      if (n) out.push(n);
    }
    return out;
  }

  /**
   * Canonical texts of the nodes' entries, each assembled from its block's text and its verdicts' texts
   * and cached (keyed by block id and number of verdicts): serving a chain to syncing peers encodes each
   * entry once. Lazy, so a page cut at its budget encodes no entry past the cut.
   */
  private *entryTexts(nodes: Iterable<TreeNode<S>>): Generator<string> {
    for (const n of nodes) {
      const key = `${n.id}:${n.approvals.size}`;
      let text = this.texts.get(key);
      if (text === undefined) {
        text = entryText(blockText(n.block), verdictsOf(n).map(approvalText));
        this.texts.set(key, text);
      }
      yield text;
    }
  }

  /** Pending transactions as JSON (for explorers and re-announcement). */
  pendingJson(): JsonValue[] {
    return this.mempool.list().map((p) => txJson(p.tx));
  }

  /** After blocks or verdicts: report finality, then drop pending transactions that became final. */
  private afterChange(before: TreeNode<S>): void {
    const f = this.ledger.lastFinal();
    if (f !== before) {
      this.events.emit('final', { id: f.id, height: f.height });
      this.schedulePrune();
    }
  }

  /** Prunes the pool against the last final block, one prune at a time, coalescing requests. */
  private schedulePrune(): void {
    if (this.pruning) {
      this.prunePending = true;
      return;
    }
    this.pruning = (async () => {
      do {
        this.prunePending = false;
        try {
          await this.mempool.prune(this.ledger.lastFinal());
        } catch (e) {
          this.logger.error({ err: errorMessage(e) }, 'pruning the mempool failed');
        }
      } while (this.prunePending);
      this.pruning = undefined;
    })();
  }

  /** Resolves when no prune is running (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.pruning) await this.pruning;
  }
}

/** Fewest transactions in a block from a peer for its signatures to be verified on the pool. */
const POOL_MIN_TXS = 8;

/** A tree node as a wire entry: the block and its verdicts sorted by validator. */
function entryOf<S>(n: TreeNode<S>): WireEntry {
  return { block: blockJson(n.block), approvals: verdictsOf(n).map(approvalJson) };
}
