/**
 * The validator role: every new block is reviewed by this node's {@link Validator}. In `auto` mode the
 * verdict is signed at once (recorded in the store before it is released) and gossiped; in `manual` mode
 * the block waits in a queue until a person decides through {@link ValidatorService.decide}. On start,
 * blocks after the last final block that this validator has not judged yet are reviewed (catch-up after
 * a restart); the signing record makes a second review of an already judged block return the same verdict.
 */
import type { Approval, Verdict } from '../ledger/authority/approval.js';
import type { PendingDecision, Validator } from '../ledger/authority/validator.js';
import { blockJson } from '../ledger/block.js';
import type { LedgerResult } from '../ledger/errors.js';
import { LOCAL, type NodeChain } from './chain.js';
import { errorMessage, type NodeLogger, type Startable } from './service.js';

/** Counters. */
export interface ValidatorStats {
  signed: number;
  queued: number;
  refused: number;
}

/** The validator service. */
export class ValidatorService implements Startable {
  readonly stats: ValidatorStats = { signed: 0, queued: 0, refused: 0 };
  private readonly off: (() => void)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    private readonly chain: NodeChain<unknown>,
    private readonly validator: Validator<unknown>,
    private readonly logger: NodeLogger,
  ) {}

  /** This validator's public key. */
  get key(): string {
    return this.validator.key;
  }

  async start(): Promise<void> {
    this.running = true;
    this.off.push(this.chain.events.on('block', (e) => this.enqueue(e.id)));
    // Catch up: every block after the last final one, in height order.
    const ledger = this.chain.ledger;
    const f = ledger.lastFinal();
    // (blocks that become final before their turn are skipped by review)
    const open = [...ledger.tree.nodes.values()]
      .filter((n) => n.height > f.height && !n.approvals.has(this.key))
      .sort((a, b) => a.height - b.height);
    for (const n of open) this.enqueue(n.id);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const f of this.off.splice(0)) f();
    await this.queue;
  }

  /** Resolves when every queued review is done (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Blocks waiting for a person (manual mode), lowest height first. */
  pending(): PendingDecision[] {
    return this.validator.pending();
  }

  /** A person's verdict on a queued block; signed, stored, counted and gossiped like an automatic one. */
  async decide(blockId: string, verdict: Verdict, reason?: string): Promise<LedgerResult<Approval>> {
    const before = this.chain.ledger.lastFinal();
    const a = await this.validator.decide(blockId, verdict, reason);
    if (a.ok) this.published(a.value, before);
    return a;
  }

  private enqueue(id: string): void {
    this.queue = this.queue.then(() => (this.running ? this.review(id) : undefined));
  }

  private async review(id: string): Promise<void> {
    const ledger = this.chain.ledger;
    const n = ledger.get(id);
    // A block that is final already needs no verdict, and one off the final chain can never be final:
    // a validator catching up after downtime (or syncing from scratch) signs only what is still open.
    if (!n || n.status === 'final' || !ledger.tree.descendsFromFinal(n)) return;
    const before = ledger.lastFinal();
    try {
      const r = await this.validator.review(blockJson(n.block));
      if (!r.ok) {
        // e.g. APPROVAL_CONFLICT: another block at this height was approved first
        this.stats.refused++;
        this.logger.debug({ block: id, code: r.code }, 'no verdict given');
        return;
      }
      if (r.value.kind === 'queued') {
        this.stats.queued++;
        return;
      }
      this.published(r.value.approval, before);
    } catch (e) {
      this.logger.error({ block: id, err: errorMessage(e) }, 'review failed');
    }
  }

  private published(a: Approval, before: ReturnType<NodeChain<unknown>['ledger']['lastFinal']>): void {
    this.stats.signed++;
    this.chain.announceApproval(a, LOCAL);
    this.chain.changed(before);
  }
}
