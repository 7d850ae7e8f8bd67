/**
 * The pool of pending transactions. A transaction enters only after the full check: envelope, size,
 * ledger binding, registered type and body, signature, not already pending or on the main chain, and
 * allowed by its rule given the main chain and the transactions pending before it. Pending transactions
 * are persisted through the store so a restart keeps them.
 */
import { canonicalJson, parseJson } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { type LedgerResult, lfail } from '../errors.js';
import type { LedgerStore } from '../store.js';
import type { AuthorityLedger } from './ledger.js';
import type { TxContext, TxRegistry } from './registry.js';
import type { TreeNode } from './tree.js';
import { type Tx, txJson } from './tx.js';
import { checkTxAllowed, checkTxStateless, type VerifiedTx } from './tx-check.js';

/** Limits of the pool. */
export interface MempoolOptions<S> {
  readonly registry: TxRegistry<S>;
  readonly ed: Ed25519;
  readonly store: LedgerStore;
  /** Most pending transactions (default 100 000). */
  readonly maxTxs?: number;
  /** Most pending bytes (default 256 MiB). */
  readonly maxBytes?: number;
  /** Clock in milliseconds since the epoch. */
  readonly now: () => number;
}

/** A pending transaction. */
export interface PendingTx {
  readonly id: string;
  readonly tx: Tx;
  readonly bytes: number;
  /** Canonical JSON text, when known (saves encoding it again to store it). */
  readonly text?: string;
}

/** Outcome of adding a transaction. */
export interface TxAdded {
  readonly id: string;
  readonly status: 'added' | 'known';
}

/** Pending transactions in arrival order. */
export class Mempool<S> {
  private readonly txs = new Map<string, PendingTx>();
  private bytes = 0;
  /** State after the head and the pending transactions, valid while the head and the pool are unchanged. */
  private cache: { headId: string; state: S } | undefined;

  private constructor(
    private readonly ledger: AuthorityLedger<S>,
    private readonly opts: MempoolOptions<S>,
  ) {}

  /** Opens the pool and reloads stored pending transactions that are still valid. */
  static async open<S>(ledger: AuthorityLedger<S>, opts: MempoolOptions<S>): Promise<Mempool<S>> {
    const pool = new Mempool(ledger, opts);
    const drop: string[] = [];
    for (const p of await opts.store.allPending()) {
      const v = parseJson(p.json);
      const r = v.ok ? pool.check(v.value) : v;
      if (r.ok && r.value.status === 'added') pool.insert(r.value.pending);
      else drop.push(p.id);
    }
    await opts.store.removePending(drop);
    return pool;
  }

  /** Number of pending transactions. */
  get size(): number {
    return this.txs.size;
  }

  /** Pending transactions in arrival order. */
  list(): PendingTx[] {
    return [...this.txs.values()];
  }

  /** True when a transaction id is pending (it passed every stateless check on this node). */
  has(id: string): boolean {
    return this.txs.has(id);
  }

  /**
   * True when a transaction id is pending or on the main chain: a repeat that this node checked already
   * (the id is the hash of the whole transaction, signature included), refused or acknowledged without
   * checking its signature again.
   */
  known(id: string): boolean {
    return this.txs.has(id) || this.ledger.tree.onChain(id, this.ledger.head());
  }

  /** Checks a transaction and, if it passes, stores it durably and adds it. */
  async add(v: unknown): Promise<LedgerResult<TxAdded>> {
    const [r] = await this.addMany([v]);
    return r!;
  }

  /**
   * Checks transactions in order (each against the pool including the ones before it) and stores the
   * accepted ones in one durable write (group commit): one fsync for the whole batch. Results are in input
   * order and only returned once the write is durable. If the write throws, the batch is taken out of the
   * pool again and the error is rethrown.
   */
  async addMany(
    vs: readonly unknown[],
    opts: { signatureOk?: VerifiedTx } = {},
  ): Promise<LedgerResult<TxAdded>[]> {
    const out: LedgerResult<TxAdded>[] = [];
    const fresh: PendingTx[] = [];
    for (const v of vs) {
      const r = this.check(v, opts.signatureOk);
      if (!r.ok) out.push(r);
      else if (r.value.status === 'known') out.push(ok({ id: r.value.pending.id, status: 'known' }));
      else {
        // In the pool at once, so that the next check sees it; acknowledged only after the write.
        this.insert(r.value.pending);
        fresh.push(r.value.pending);
        out.push(ok({ id: r.value.pending.id, status: 'added' }));
      }
    }
    if (fresh.length === 0) return out;
    try {
      await this.opts.store.writeBatch({
        pending: fresh.map((p) => ({ id: p.id, json: p.text ?? canonicalJson(txJson(p.tx)) })),
      });
    } catch (e) {
      for (const p of fresh) this.drop(p.id);
      throw e;
    }
    return out;
  }

  private drop(id: string): void {
    const p = this.txs.get(id);
    if (!p) return;
    this.txs.delete(id);
    this.bytes -= p.bytes;
    this.cache = undefined;
  }

  /**
   * The transactions a miner should pack on the current head, in arrival order, each allowed after the
   * ones before it, within `maxTxs` and `maxBytes` (sum of canonical transaction sizes).
   */
  select(maxTxs: number, maxBytes: number, height: number, time: number): Tx[] {
    const head = this.ledger.head();
    const at: TxContext = { genesis: this.ledger.genesis, height, time };
    let state = head.state;
    let bytes = 0;
    const out: Tx[] = [];
    for (const p of this.txs.values()) {
      if (out.length >= maxTxs) break;
      // Each transaction costs its canonical size plus the comma that separates it from the next.
      if (bytes + p.bytes + 1 > maxBytes) continue;
      if (this.ledger.tree.onChain(p.id, head)) continue;
      const rule = this.opts.registry.rule(p.tx.type);
      if (!rule) continue;
      const next = checkTxAllowed(rule, state, p.tx, at);
      if (!next.ok) continue;
      state = next.value;
      bytes += p.bytes + 1;
      out.push(p.tx);
    }
    return out;
  }

  /**
   * Drops transactions that are on the chain ending at `tip` (default: the head) or no longer allowed
   * after it. A node prunes against its last final block, so that a transaction stays pending (and
   * durable) until the block holding it cannot be reverted.
   */
  async prune(tip?: TreeNode<S>): Promise<string[]> {
    const head = tip ?? this.ledger.head();
    const at: TxContext = { genesis: this.ledger.genesis, height: head.height + 1, time: this.opts.now() };
    let state = head.state;
    const drop: string[] = [];
    for (const p of this.txs.values()) {
      const rule = this.opts.registry.rule(p.tx.type);
      const next =
        rule && !this.ledger.tree.onChain(p.id, head) ? checkTxAllowed(rule, state, p.tx, at) : undefined;
      if (next?.ok) state = next.value;
      else drop.push(p.id);
    }
    if (drop.length > 0) await this.opts.store.writeBatch({ removePending: drop }); // one commit
    for (const id of drop) this.drop(id);
    this.cache = undefined;
    return drop;
  }

  private insert(p: PendingTx): void {
    this.txs.set(p.id, p);
    this.bytes += p.bytes;
    // Extend the cached pool state with the new transaction (it was checked against it).
    const rule = this.opts.registry.rule(p.tx.type);
    const head = this.ledger.head();
    if (this.cache && this.cache.headId === head.id && rule) {
      const next = checkTxAllowed(rule, this.cache.state, p.tx, this.context(head.height + 1));
      this.cache = next.ok ? { headId: head.id, state: next.value } : undefined;
    } else this.cache = undefined;
  }

  private context(height: number): TxContext {
    return { genesis: this.ledger.genesis, height, time: this.opts.now() };
  }

  /** State after the head and every pending transaction still allowed, in arrival order. */
  private poolState(): S {
    const head = this.ledger.head();
    if (this.cache?.headId === head.id) return this.cache.state;
    const at = this.context(head.height + 1);
    let state = head.state;
    for (const p of this.txs.values()) {
      const r = this.opts.registry.rule(p.tx.type);
      const next = r ? checkTxAllowed(r, state, p.tx, at) : undefined;
      if (next?.ok) state = next.value;
    }
    this.cache = { headId: head.id, state };
    return state;
  }

  /** The checks; changes nothing. */
  private check(
    v: unknown,
    signatureOk?: VerifiedTx,
  ): LedgerResult<{ status: 'added' | 'known'; pending: PendingTx }> {
    const { ledger, opts } = this;
    const head = ledger.head();
    // 1. Stateless checks (shape, size, ledger, type, body, signature). The id is computed before the body
    //    and signature checks, and those are skipped for a transaction already pending or already on the
    //    main chain (gossip brings each transaction from several peers, clients resend): a repeat costs a
    //    hash, not a signature check, and is answered by step 2.
    const c = checkTxStateless(
      v,
      ledger.genesis,
      opts.registry,
      opts.ed,
      (id) => this.txs.has(id) || ledger.tree.onChain(id, head),
      signatureOk,
    );
    if (!c.ok) return c;
    const { tx, id, bytes, text, rule } = c.value;
    const pending = { id, tx, bytes, text };
    // 2. Duplicates: already pending, or already on the main chain.
    if (this.txs.has(id)) return ok({ status: 'known', pending });
    if (ledger.tree.onChain(id, head))
      return lfail('TX_DUPLICATE', `transaction ${id} is already on the chain`);
    // 3. Capacity.
    if (
      this.txs.size >= (opts.maxTxs ?? 100_000) ||
      this.bytes + bytes > (opts.maxBytes ?? 256 * 1024 * 1024)
    )
      return lfail('MEMPOOL_FULL', 'the pool of pending transactions is full; try again later');
    // 4. Allowed after the main chain and the transactions already pending.
    const allowed = rule.allowed(this.poolState(), tx, this.context(head.height + 1));
    if (!allowed.ok) return allowed;
    return ok({ status: 'added', pending });
  }
}
