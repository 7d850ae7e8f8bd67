/**
 * Publishes what the eligibility modes recorded. A registration schedules a flush after `delayMs`, so
 * many registrations share one record; `flush()` publishes at once. A flush (1) asks every mode to
 * make and store its pending transactions for every served election, then (2) submits every pending
 * publication through the injected {@link SubmitTx}, marking it submitted when the ledger took it (or
 * already had it). Stored but unsubmitted publications are submitted again by the next flush, so a
 * crash or an unreachable ledger loses nothing; a record is never rebuilt differently once stored.
 * Flushes never overlap.
 */
import { parseJson } from '../../../crypto/encoding/canonical-json.js';
import { decodeTx } from '../../../ledger/authority/tx.js';
import type { EligibilityMode } from '../../../protocol/election/definition.js';
import { allElections, markSubmitted, pendingPublications } from '../../../store/registrar/elections.js';
import { errorMessage } from '../../service.js';
import type { RegistrarContext, SubmitTx } from './context.js';
import type { ElectionBook } from './elections.js';
import type { EligibilityModeService } from './modes/mode.js';

/** Wait before submitting again what the ledger did not take. */
const RETRY_MS = 5000;

/** The publishing side of every mode, by mode. */
export type ModePublishers = Partial<
  Record<EligibilityMode, Pick<EligibilityModeService<never, unknown>, 'publish'>>
>;

/** Batches and submits the registrar's ledger records. */
export class Publisher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly c: RegistrarContext,
    private readonly book: ElectionBook,
    private readonly modes: ModePublishers,
    private readonly delayMs: number,
  ) {}

  /** Flushes after the batching delay (once, however many calls). */
  schedule(delayMs = this.delayMs): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((e) =>
        this.c.logger.error({ err: errorMessage(e) }, 'registrar publication failed'),
      );
    }, delayMs);
  }

  /** Publishes and submits now; resolves when done. */
  flush(): Promise<void> {
    const next = this.running.then(() => this.run());
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Submits what a previous run left pending. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.flush();
  }

  /** Stops scheduling and waits for a running flush. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async run(): Promise<void> {
    for (const row of await allElections(this.c.db.db)) {
      const e = await this.book.get(row.id);
      if (!e.ok) {
        this.c.logger.error({ election: row.id, code: e.code }, e.message);
        continue;
      }
      await this.modes[e.value.definition.eligibility.mode]?.publish(e.value);
    }
    let left = 0;
    for (const p of await pendingPublications(this.c.db.db)) {
      const parsed = parseJson(p.tx);
      const tx = parsed.ok ? decodeTx(parsed.value) : parsed;
      if (!tx.ok) {
        this.c.logger.error({ seq: p.seq }, 'a stored publication cannot be read');
        continue;
      }
      let r: Awaited<ReturnType<SubmitTx>>;
      try {
        r = await this.c.submitTx(tx.value);
      } catch (e) {
        // An unreachable ledger: keep it pending and try again later.
        r = { ok: false, code: 'MEMPOOL_FULL', message: `the ledger cannot be reached: ${errorMessage(e)}` };
      }
      if (r.ok || r.code === 'TX_DUPLICATE') await markSubmitted(this.c.db.db, p.seq);
      else {
        left++;
        this.c.logger.warn({ seq: p.seq, type: tx.value.type, code: r.code }, r.message);
      }
    }
    // What the ledger did not take is tried again later.
    if (left > 0) this.schedule(RETRY_MS);
  }
}
