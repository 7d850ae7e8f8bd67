/**
 * Transaction intake with group commit: submissions that arrive while the event loop is busy (HTTP
 * requests, gossip posts) are checked and stored together in one database transaction, so one fsync
 * serves a whole batch. Each caller's promise resolves with its own results once the batch is durable:
 * a transaction is acknowledged only after it is stored (check, then store, then gossip, then answer).
 */
import type { TxAdded } from '../ledger/authority/mempool.js';
import type { LedgerResult } from '../ledger/errors.js';
import type { NodeChain, Origin } from './chain.js';
import { preverifyTxs } from './preverify.js';
import type { VerifyPool } from './verify-pool.js';

interface Waiting {
  readonly items: readonly { v: unknown; origin: Origin }[];
  readonly resolve: (r: LedgerResult<TxAdded>[]) => void;
  readonly reject: (e: unknown) => void;
}

/** Batches transaction submissions into group commits. */
export class TxIntake {
  private waiting: Waiting[] = [];
  private scheduled = false;
  /** Largest number of transactions in one commit (default 5000). */
  readonly maxBatch: number;

  private readonly pool: VerifyPool | undefined;

  /** With a {@link VerifyPool}, signatures of groups of at least 8 transactions are verified on workers. */
  constructor(
    private readonly chain: NodeChain<unknown>,
    opts: { maxBatch?: number; pool?: VerifyPool } = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 5000;
    this.pool = opts.pool;
  }

  /** Submits transactions; resolves with one result per transaction once the accepted ones are durable. */
  submit(vs: readonly unknown[], origin: Origin): Promise<LedgerResult<TxAdded>[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ items: vs.map((v) => ({ v, origin })), resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Commits everything waiting, in batches of at most {@link maxBatch} transactions. */
  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const group: Waiting[] = [];
      let n = 0;
      while (
        this.waiting.length > 0 &&
        (group.length === 0 || n + this.waiting[0]!.items.length <= this.maxBatch)
      ) {
        const w = this.waiting.shift()!;
        group.push(w);
        n += w.items.length;
      }
      try {
        const items = group.flatMap((w) => w.items);
        const mempool = this.chain.mempool;
        const ok =
          this.pool && items.length >= 8
            ? await preverifyTxs(
                this.pool,
                items.map((x) => x.v),
                (id) => mempool.known(id), // repeats are answered without a signature check
              ).catch(() => undefined)
            : undefined;
        const rs = await this.chain.addTxs(items, ok ? (id) => ok.has(id) : undefined);
        let i = 0;
        for (const w of group) {
          w.resolve(rs.slice(i, i + w.items.length));
          i += w.items.length;
        }
      } catch (e) {
        for (const w of group) w.reject(e);
      }
    }
    this.scheduled = false;
  }
}
