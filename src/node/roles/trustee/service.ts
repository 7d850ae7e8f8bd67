/**
 * The trustee role as a service. It watches the final ledger through a {@link TrusteeSource} and, for
 * every election whose trustee list holds its key:
 * - `auto` mode: publishes its ceremony records in turn (announcement, shares, complaints, ready) and,
 *   after close, its partial decryption (or, as Paillier key holder, its key and the tally decryption);
 * - `manual` mode: only reports what is next; a person acts with {@link TrusteeService.step} and
 *   {@link TrusteeService.decrypt} (`pnyx trustee step|decrypt`).
 * A record already sent is resent (unchanged) only after `resendMs` while it is not final. Actions on one
 * election never overlap: they run one at a time in this process and under the election's lock file.
 * Logs carry election ids, trustee indices, record types and transaction ids — never secrets or bodies.
 */
import { ok, type Result } from '../../../crypto/result.js';
import { errorMessage, type NodeLogger, type Startable, silentLogger } from '../../service.js';
import { act, pickElection, type StepReport, type TrusteeAction, type TrusteeDeps } from './engine.js';
import type { ElectionView, TrusteeSource } from './view.js';

/** Options of the service. */
export interface TrusteeServiceOptions {
  /** `auto` (default) acts by itself; `manual` waits for {@link TrusteeService.step} / `decrypt`. */
  readonly mode?: 'auto' | 'manual';
  /** Longest wait between two looks at the ledger (default 1 000 ms). */
  readonly pollMs?: number;
  /** Wait before sending a not-yet-final record again (default 10 000 ms). */
  readonly resendMs?: number;
  readonly logger?: NodeLogger;
  /** Milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number;
}

/** The trustee service. */
export class TrusteeService implements Startable {
  private readonly logger: NodeLogger;
  private readonly sentAt = new Map<string, number>();
  private readonly lastSaid = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    readonly deps: TrusteeDeps,
    private readonly source: TrusteeSource,
    private readonly opts: TrusteeServiceOptions = {},
  ) {
    this.logger = opts.logger ?? silentLogger;
  }

  /** `auto` or `manual`. */
  get mode(): 'auto' | 'manual' {
    return this.opts.mode ?? 'auto';
  }

  async start(): Promise<void> {
    if (this.loop) return;
    const faults = this.deps.faults ?? {};
    if (faults.wrongPartial || faults.offline)
      this.logger.warn({ faults }, 'trustee started with deliberate faults');
    this.logger.info({ key: this.deps.identity.publicKey, mode: this.mode }, 'trustee started');
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.run(abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    await this.queue.catch(() => undefined);
    this.loop = undefined;
    this.logger.info({}, 'trustee stopped');
  }

  /** One look at the ledger: in auto mode every due action on every election; in manual mode what is due. */
  tick(signal?: AbortSignal): Promise<StepReport[]> {
    return this.serial(async () => {
      const views = await this.source.elections(signal);
      const out: StepReport[] = [];
      for (const v of views) {
        for (const a of ['ceremony', 'decryption'] as const)
          out.push(
            this.mode === 'auto' ? await this.locked(v, a) : await act(this.deps, v, a, { dryRun: true }),
          );
      }
      for (const r of out) this.report(r);
      return out;
    });
  }

  /** A person's command: the next ceremony record of the election (the only one when undefined). */
  step(election?: string): Promise<Result<StepReport>> {
    return this.command('ceremony', election);
  }

  /** A person's command: the partial decryption (or Paillier decryption) of the closed election. */
  decrypt(election?: string): Promise<Result<StepReport>> {
    return this.command('decryption', election);
  }

  private command(action: TrusteeAction, election?: string): Promise<Result<StepReport>> {
    return this.serial(async () => {
      const v = pickElection(await this.source.elections(), election);
      if (!v.ok) return v;
      // A person's command sends at once, even if the same record was sent a moment ago.
      const r = await this.locked(v.value, action, true);
      this.report(r);
      return ok(r);
    });
  }

  /** Runs `fn` after every earlier action of this service. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** One action under the election's lock file. */
  private async locked(view: ElectionView, action: TrusteeAction, force = false): Promise<StepReport> {
    const now = this.opts.now ?? Date.now;
    const resendMs = this.opts.resendMs ?? 10_000;
    const r = await this.deps.secrets.withLock(view.fingerprint, () =>
      act(this.deps, view, action, {
        shouldSend: (tx) => {
          const last = this.sentAt.get(tx);
          if (!force && last !== undefined && now() - last < resendMs) return false;
          this.sentAt.set(tx, now());
          return true;
        },
      }),
    );
    return r.ok
      ? r.value
      : { election: view.id, action, trustee: null, outcome: 'failed', reason: r.message };
  }

  /** Logs a report when it differs from the last one of its election and action. */
  private report(r: StepReport): void {
    if (r.outcome === 'not-member' || r.outcome === 'pending') return;
    const key = `${r.election}/${r.action}`;
    const said = `${r.outcome}/${r.type ?? ''}/${r.tx ?? ''}/${r.reason ?? ''}`;
    if (this.lastSaid.get(key) === said && r.outcome !== 'sent') return;
    this.lastSaid.set(key, said);
    const fields = { election: r.election, trustee: r.trustee, action: r.action, type: r.type, tx: r.tx };
    const msg = `trustee ${r.outcome}${r.reason === undefined ? '' : `: ${r.reason}`}`;
    if (
      r.outcome === 'refused' ||
      r.outcome === 'unsent' ||
      r.outcome === 'failed' ||
      r.outcome === 'excluded'
    )
      this.logger.warn(fields, msg);
    else this.logger.info(fields, msg);
  }

  private async run(signal: AbortSignal): Promise<void> {
    const pollMs = this.opts.pollMs ?? 1000;
    let unreadable: string | undefined;
    while (!signal.aborted) {
      try {
        await this.tick(signal);
        unreadable = undefined;
      } catch (e) {
        // Said once per distinct problem, not at every poll.
        const err = errorMessage(e);
        if (!signal.aborted && err !== unreadable)
          this.logger.warn({ err }, 'trustee could not read the ledger');
        unreadable = err;
      }
      await this.source.changed(pollMs, signal);
    }
  }
}
