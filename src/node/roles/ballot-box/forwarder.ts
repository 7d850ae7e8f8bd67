/**
 * Forwards the box's records to the ledger until each is in a block. It works from the database, not
 * from memory, so a restarted box resumes with every stored record that is not yet in a block: it reads
 * the pending records in acceptance order, offers each one's signed transaction (again at most every
 * `resubmitMs`), asks which are in a block and marks those. A transient refusal (pool full, not allowed
 * yet, node shutting down) is retried; any other refusal by the ledger's rules is recorded with its code
 * and the record is not offered again. With the `drop` fault nothing is ever forwarded.
 */
import type { JsonObject } from '../../../crypto/encoding/canonical-json.js';
import { txJson } from '../../../ledger/authority/tx.js';
import type { BallotBoxDb } from '../../../store/ballot-box/open.js';
import { pendingRecords, type RecordRow } from '../../../store/ballot-box/records.js';
import type { BoxWriter } from '../../../store/ballot-box/writer.js';
import { errorMessage, type NodeLogger, pause, type Startable, Wakeup } from '../../service.js';
import { txIdOf } from './hashing.js';
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
  readonly writer: BoxWriter;
  readonly ledger: LedgerPort;
  readonly signer: TxSigner;
  readonly logger: NodeLogger;
  /** Never forward (fault injection). */
  readonly drop: boolean;
  /** Pause between rounds when idle, ms (default 1000). */
  readonly retryMs?: number;
  /** Least pause between two rounds, so that a busy box forwards in batches, ms (default 200). */
  readonly gapMs?: number;
  /** Least time between two offers of one record, ms (default 10 000). */
  readonly resubmitMs?: number;
  /** Records per page (default 256). */
  readonly page?: number;
}

/** The forwarding loop. */
export class Forwarder implements Startable {
  private readonly wake = new Wakeup();
  private readonly stopper = new AbortController();
  /** Records offered to the ledger: when, and in which transaction. */
  private readonly offered = new Map<number, { readonly at: number; readonly id: string }>();
  /** JSON of records accepted since start and not yet in a block, by tracker. */
  private readonly parsed = new Map<string, JsonObject>();
  private loop: Promise<void> | undefined;

  constructor(private readonly o: ForwarderOptions) {}

  /** A new record was stored (its JSON is kept until it is in a block): forward it soon. */
  notify(tracker: string, json: JsonObject): void {
    if (!this.o.drop) this.parsed.set(tracker, json);
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
      await pause(this.o.gapMs ?? 200, signal);
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
    const resubmitMs = this.o.resubmitMs ?? 10_000;
    // Offer the records not offered recently; the others keep the id of the transaction they were offered in.
    const due = rows.filter((r) => now - (this.offered.get(r.seq)?.at ?? 0) >= resubmitMs);
    const txs = due.map((r) => recordTx(this.o.signer, r, this.parsed.get(r.tracker)));
    const answers = await Promise.all(txs.map((tx) => this.o.ledger.submitTx(txJson(tx), signal)));
    for (const [i, a] of answers.entries()) {
      const row = due[i]!;
      if (a.ok || a.code === 'TX_DUPLICATE') {
        this.offered.set(row.seq, { at: now, id: txIdOf(txs[i]!) });
      } else if (!TRANSIENT.has(a.code)) {
        this.o.logger.error(
          { tracker: row.tracker, code: a.code, reason: a.message },
          'the ledger refused a record',
        );
        await this.o.writer.refused(row.seq, `${a.code}: ${a.message}`);
        this.parsed.delete(row.tracker);
      }
    }
    // Which are in a block now?
    const offered = rows.flatMap((r) => {
      const o = this.offered.get(r.seq);
      return o ? [{ row: r, id: o.id }] : [];
    });
    const inBlocks = await this.o.ledger.inBlocks(
      offered.map((o) => o.id),
      signal,
    );
    const done = offered.filter((o) => inBlocks.has(o.id));
    if (done.length === 0) return;
    await this.o.writer.included(done.map((o) => ({ seq: o.row.seq, tx_id: o.id })));
    for (const { row } of done) {
      this.offered.delete(row.seq);
      this.parsed.delete(row.tracker);
    }
  }
}
