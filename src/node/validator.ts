/**
 * The validator role: every new block is reviewed by this node's {@link Validator}. In `auto` mode the
 * verdict is signed at once (recorded in the store before it is released) and gossiped — an approval only
 * once the block's parent is final, so a valid block whose parent is pending is reviewed again when the
 * parent becomes final; in `manual` mode the block waits in a queue until a person decides through
 * {@link ValidatorService.decide}. On start, blocks after the last final block that this validator has not
 * judged yet are reviewed (catch-up after a restart); the signing record makes a second review of an already judged block return the same verdict.
 */
import type { Approval, Verdict } from '../ledger/authority/approval.js';
import type { BlockCheckStep } from '../ledger/authority/block-check.js';
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

/** A verdict this validator signed, as its console lists it. */
export interface SignedVerdict {
  readonly block_id: string;
  readonly height: number;
  readonly verdict: Verdict;
  readonly reason?: string;
  /** When it was signed (milliseconds since the epoch); known for verdicts signed since the node started. */
  readonly time?: number;
}

/** A block waiting for a person, with the outcome of every rule check run on it. */
export interface PendingReview extends PendingDecision {
  readonly checks: readonly BlockCheckStep[];
}

/** How many verdicts signed since start are remembered with their time. */
const SIGNED_LOG = 1000;

/** The validator service. */
export class ValidatorService implements Startable {
  readonly stats: ValidatorStats = { signed: 0, queued: 0, refused: 0 };
  private readonly off: (() => void)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private running = false;
  /** Verdicts signed since start, oldest first (bounded). */
  private readonly signed = new Map<string, SignedVerdict>();
  /** The rule checks of pending blocks that passed them, by block id (see {@link reviews}). */
  private readonly rules = new Map<string, readonly BlockCheckStep[]>();

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
    // A block waits for its parent's finality: the children of each new last final block are reviewed.
    this.off.push(
      this.chain.events.on('final', (e) => {
        for (const c of this.chain.ledger.get(e.id)?.children ?? []) this.enqueue(c.id);
      }),
    );
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

  /** `auto` or `manual`. */
  get mode(): 'auto' | 'manual' {
    return this.validator.mode;
  }

  /**
   * The first `limit` pending blocks with every check run on each, as the ledger runs them ({@link
   * AuthorityLedger.explain}). The rule checks of a block are run once and kept while it is pending; the
   * checks of its place in the tree (parent known, descent from the last final block) every time. Blocks
   * above the last final height come first (lowest first): those are where this validator's verdict still
   * decides something; blocks the quorum settled without it follow.
   */
  reviews(limit: number): PendingReview[] {
    const ledger = this.chain.ledger;
    const pending = this.pending();
    const ids = new Set(pending.map((p) => p.block_id));
    for (const id of this.rules.keys()) if (!ids.has(id)) this.rules.delete(id);
    const finalHeight = ledger.lastFinal().height;
    const open = pending.filter((p) => p.height > finalHeight);
    const settled = pending.filter((p) => p.height <= finalHeight);
    return [...open, ...settled].slice(0, limit).map((p) => {
      const e = ledger.explain(p.block, this.rules.get(p.block_id));
      if (e.rules) this.rules.set(p.block_id, e.rules);
      return { ...p, checks: e.steps };
    });
  }

  /**
   * The verdicts this validator signed, newest first (highest block first), at most `limit`: those counted
   * on blocks of the ledger (signed before or since start) and those signed since start on other blocks.
   */
  history(limit: number): SignedVerdict[] {
    const out = new Map<string, SignedVerdict>();
    for (const n of this.chain.ledger.tree.nodes.values()) {
      const a = n.approvals.get(this.key);
      if (!a) continue;
      const time = this.signed.get(a.block_id)?.time;
      out.set(a.block_id, {
        block_id: a.block_id,
        height: a.height,
        verdict: a.verdict,
        ...(a.reason !== undefined ? { reason: a.reason } : {}),
        ...(time !== undefined ? { time } : {}),
      });
    }
    for (const v of this.signed.values()) if (!out.has(v.block_id)) out.set(v.block_id, v);
    return [...out.values()]
      .sort((a, b) => b.height - a.height || (b.time ?? 0) - (a.time ?? 0))
      .slice(0, limit);
  }

  /** This validator's verdict on a block, if it gave one (counted in the ledger or signed since start). */
  verdictOn(blockId: string): Verdict | undefined {
    return (
      this.chain.ledger.get(blockId)?.approvals.get(this.key)?.verdict ?? this.signed.get(blockId)?.verdict
    );
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
    if (!n || n.status === 'final' || n.approvals.has(this.key) || !ledger.tree.descendsFromFinal(n)) return;
    // Blocks reach this service only once the ledger holds them (valid), so in auto mode a block whose
    // parent is pending would only be answered `waiting`: it is reviewed when its parent is final.
    if (this.validator.mode === 'auto' && n.parent && n.parent.status !== 'final') return;
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
      if (r.value.kind === 'waiting') return; // reviewed again when its parent is final
      this.published(r.value.approval, before);
    } catch (e) {
      this.logger.error({ block: id, err: errorMessage(e) }, 'review failed');
    }
  }

  private published(a: Approval, before: ReturnType<NodeChain<unknown>['ledger']['lastFinal']>): void {
    this.stats.signed++;
    if (!this.signed.has(a.block_id)) {
      this.signed.set(a.block_id, {
        block_id: a.block_id,
        height: a.height,
        verdict: a.verdict,
        ...(a.reason !== undefined ? { reason: a.reason } : {}),
        time: Date.now(),
      });
      if (this.signed.size > SIGNED_LOG) this.signed.delete(this.signed.keys().next().value as string);
    }
    this.chain.announceApproval(a, LOCAL);
    this.chain.changed(before);
  }
}
