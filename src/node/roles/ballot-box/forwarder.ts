/**
 * Forwards the box's records to the ledger until each is in a block. It works from the database, not
 * from memory, so a restarted box resumes with every stored record that is not yet in a block: it reads
 * the pending records in acceptance order, offers each one's signed transaction (again at most every
 * `resubmitMs`), asks which are in a block and marks those. A transient refusal (pool full, not allowed
 * yet, node shutting down) is retried; any other refusal by the ledger's rules is recorded with its code
 * and the record is not offered again. With the `drop` fault nothing is ever forwarded.
 */
import { txId, txJson } from '../../../ledger/authority/tx.js';
import type { BallotBoxDb } from '../../../store/ballot-box/open.js';
import {
  markIncluded,
  markRefused,
  pendingRecords,
  type RecordRow,
} from '../../../store/ballot-box/records.js';
import { errorMessage, type NodeLogger, type Startable, Wakeup } from '../../service.js';
import type { LedgerPort } from './ledger-port.js';
import { recordTx, type TxSigner } from './txs.js';

/** Ledger codes worth retrying: the same transaction may be accepted later. */
const TRANSIENT = new Set([
  'MEMPOOL_FULL',
  'TX_NOT_ALLOWED',
  'NOT_ELIGIBLE',
  'SHUTTING_DOWN',
  'RATE_LIMITED',
  'INTERNAL',
]);

/** Options of the forwarder. */
export interface ForwarderOptions {
  readonly db: BallotBoxDb;
  readonly ledger: LedgerPort;
  readonly signer: TxSigner;
  readonly logger: NodeLogger;
  /** Never forward (fault injection). */
  readonly drop: boolean;
  /** Pause between rounds when idle, ms (default 1000). */
  readonly retryMs?: number;
  /** Least time between two offers of one record, ms (default 10 000). */
  readonly resubmitMs?: number;
  /** Records per page (default 256). */
  readonly page?: number;
}

/** The forwarding loop. */
export class Forwarder implements Startable {
  private readonly wake = new Wakeup();
  private readonly stopper = new AbortController();
  private readonly offered = new Map<number, number>();
  private loop: Promise<void> | undefined;

  constructor(private readonly o: ForwarderOptions) {}

  /** New records were stored: forward them soon. */
  notify(): void {
    this.wake.notify();
  }

  async start(): Promise<void> {
    if (this.o.drop)
      this.o.logger.error({}, 'FAULT: this ballot box drops ballots instead of forwarding them');
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const signal = this.stopper.signal;
    while (!signal.aborted) {
      if (!this.o.drop) {
        try {
          await this.round(signal);
        } catch (e) {
          this.o.logger.warn({ err: errorMessage(e) }, 'forwarding ballots failed; retrying');
        }
      }
      await this.wake.wait(this.o.retryMs ?? 1000, signal);
    }
  }

  /** One pass over every pending record. */
  private async round(signal: AbortSignal): Promise<void> {
    const page = this.o.page ?? 256;
    let after = 0;
    for (;;) {
      const rows = await pendingRecords(this.o.db.db, after, page);
      if (rows.length === 0 || signal.aborted) return;
      after = rows[rows.length - 1]!.seq;
      await this.forward(rows, signal);
      if (rows.length < page) return;
    }
  }

  private async forward(rows: readonly RecordRow[], signal: AbortSignal): Promise<void> {
    const now = Date.now();
    const txs = rows.map((r) => ({ row: r, tx: recordTx(this.o.signer, r) }));
    const due = txs.filter(
      ({ row }) => now - (this.offered.get(row.seq) ?? 0) >= (this.o.resubmitMs ?? 10_000),
    );
    const answers = await Promise.all(due.map(({ tx }) => this.o.ledger.submitTx(txJson(tx), signal)));
    for (const [i, a] of answers.entries()) {
      const { row } = due[i]!;
      if (a.ok || a.code === 'TX_DUPLICATE') {
        this.offered.set(row.seq, now);
      } else if (!TRANSIENT.has(a.code)) {
        this.o.logger.error(
          { tracker: row.tracker, code: a.code, reason: a.message },
          'the ledger refused a record',
        );
        await markRefused(this.o.db.db, row.seq, `${a.code}: ${a.message}`);
      }
    }
    // Which are in a block now?
    const ids = txs.map(({ tx }) => txId(tx));
    const inBlocks = await this.o.ledger.inBlocks(ids, signal);
    const done = txs.flatMap(({ row }, i) =>
      inBlocks.has(ids[i]!) ? [{ seq: row.seq, tx_id: ids[i]! }] : [],
    );
    if (done.length > 0) {
      await this.o.db.db.transaction().execute((t) => markIncluded(t, done));
      for (const { seq } of done) this.offered.delete(seq);
    }
  }
}
