/**
 * The validator role: checks a block by the ledger's rules and signs an approval or a rejection,
 * automatically or after a person decides (manual mode keeps a queue of pending decisions).
 *
 * Signing protection: before an approval leaves this object it is recorded in the store
 * ({@link LedgerStore.recordSigning}); a validator never approves two different blocks at one height
 * and never gives two different verdicts on one block, even across restarts.
 *
 * Liveness: a block is approved only once its parent is final. Every approval at a height then goes to a
 * child of the same final block, so no validator is locked out of a height by an approval on a branch
 * that lost, and with three validators and at most two candidates per height one candidate always
 * reaches a quorum of two.
 */

import { toHex } from '../../crypto/bytes.js';
import { canonicalJson, isJsonObject, parseJson } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { blockId, blockJson, decodeBlock } from '../block.js';
import { type LedgerResult, lfail } from '../errors.js';
import type { LedgerStore } from '../store.js';
import {
  type Approval,
  approvalJson,
  decodeApproval,
  MAX_REASON,
  signApproval,
  type Verdict,
} from './approval.js';
import type { AuthorityLedger } from './ledger.js';

/** Options of a validator. */
export interface ValidatorOptions {
  readonly ed: Ed25519;
  /** 32-byte Ed25519 secret key. */
  readonly secretKey: Uint8Array;
  /** Where signatures are recorded before release. */
  readonly store: LedgerStore;
  /** `auto`: sign by the rules; `manual`: queue for a person. */
  readonly mode: 'auto' | 'manual';
}

/** A block waiting for a person's decision. */
export interface PendingDecision {
  readonly block_id: string;
  readonly height: number;
  readonly block: unknown;
  /** What the rules say. */
  readonly suggestion: Verdict;
  /** Why the rules reject it, if they do. */
  readonly reason?: string;
}

/** Outcome of reviewing a block. */
export type Review =
  | { readonly kind: 'signed'; readonly approval: Approval }
  | { readonly kind: 'queued'; readonly decision: PendingDecision }
  /** Valid, but its parent is not final yet: review it again once the parent is final. */
  | { readonly kind: 'waiting'; readonly block_id: string; readonly parent_id: string };

/** A validator bound to a ledger. */
export class Validator<S> {
  /** Hex public key. */
  readonly key: string;
  private readonly queue = new Map<string, PendingDecision>();

  constructor(
    private readonly ledger: AuthorityLedger<S>,
    private readonly opts: ValidatorOptions,
  ) {
    this.key = toHex(opts.ed.publicKeyFromSecret(opts.secretKey));
  }

  /** `auto` signs by the rules; `manual` queues blocks for a person. */
  get mode(): 'auto' | 'manual' {
    return this.opts.mode;
  }

  /** Pending decisions (manual mode), lowest height first. */
  pending(): PendingDecision[] {
    return [...this.queue.values()].sort((a, b) => a.height - b.height);
  }

  /**
   * Reviews a block: stores it in the ledger if valid, then signs by the rules (auto) or queues it
   * (manual). Blocks whose parent is unknown, or that cannot even be read, are not signed at all.
   */
  async review(v: unknown): Promise<LedgerResult<Review>> {
    if (!this.ledger.genesis.validators.includes(this.key))
      return lfail('APPROVAL_NOT_VALIDATOR', 'this key is not a validator of the ledger');
    const d = await this.admit(v);
    if (!d.ok) return d;
    if (this.opts.mode === 'manual') {
      this.queue.set(d.value.block_id, d.value);
      return ok({ kind: 'queued', decision: d.value });
    }
    if (d.value.suggestion === 'approve') {
      const parent = this.ledger.get(d.value.block_id)?.parent;
      if (parent && parent.status !== 'final')
        return ok({ kind: 'waiting', block_id: d.value.block_id, parent_id: parent.id });
    }
    const a = await this.sign(d.value.block_id, d.value.height, d.value.suggestion, d.value.reason);
    return a.ok ? ok({ kind: 'signed', approval: a.value }) : a;
  }

  /**
   * A person's decision on a queued block. The block is checked again; approving a block the rules
   * reject is refused with the rules' failure.
   */
  async decide(blockId: string, verdict: Verdict, reason?: string): Promise<LedgerResult<Approval>> {
    const q = this.queue.get(blockId);
    if (!q) return lfail('APPROVAL_INVALID', `block ${blockId} is not waiting for a decision`);
    const d = await this.admit(q.block);
    if (!d.ok) return d;
    if (verdict === 'approve' && d.value.suggestion === 'reject')
      return lfail('APPROVAL_INVALID', `the rules reject this block: ${d.value.reason}`);
    const a = await this.sign(
      blockId,
      q.height,
      verdict,
      verdict === 'reject' ? (reason ?? d.value.reason) : undefined,
    );
    if (a.ok) this.queue.delete(blockId);
    return a;
  }

  /**
   * Applies the rules once: a new valid block is added to the ledger (checked there), a known block is
   * checked against finality again.
   */
  private async admit(v: unknown): Promise<LedgerResult<PendingDecision>> {
    const b = decodeBlock(v);
    if (!b.ok) return b;
    const id = blockId(b.value);
    const h = b.value.content.height;
    if (typeof h !== 'number' || !Number.isSafeInteger(h) || h < 1)
      return lfail('BLOCK_INVALID', 'the block has no readable height');
    const known = this.ledger.get(id) !== undefined;
    const r = known ? this.ledger.validate(v) : await this.ledger.addBlock(v);
    if (r.ok) return ok({ block_id: id, height: h, block: v, suggestion: 'approve' });
    if (r.code === 'BLOCK_PARENT_UNKNOWN') return r;
    const reason = `${r.code}: ${r.message}`.slice(0, MAX_REASON);
    return ok({ block_id: id, height: h, block: v, suggestion: 'reject', reason });
  }

  /**
   * Signs a verdict, recording it in the store first. Returns the earlier signature when the same verdict
   * was already given; refuses a different verdict on the same block or an approval of a second block at
   * the same height.
   */
  async sign(
    block_id: string,
    height: number,
    verdict: Verdict,
    reason?: string,
  ): Promise<LedgerResult<Approval>> {
    if (verdict === 'approve') {
      const block = this.ledger.get(block_id);
      if (!block) return lfail('BLOCK_PARENT_UNKNOWN', 'an approved block must first be in the ledger');
      if (block.height !== height) return lfail('APPROVAL_INVALID', 'height is not the block height');
      if (block.parent && block.parent.status !== 'final')
        return lfail('APPROVAL_PARENT_PENDING', `the parent block ${block.parent.id} is not final yet`);
      // Never approve a block that no longer descends from the last final block.
      const still = this.ledger.validate(blockJson(block.block));
      if (!still.ok) return still;
    }
    const a = signApproval(this.opts.ed, this.opts.secretKey, {
      block_id,
      height,
      validator: this.key,
      verdict,
      ...(reason !== undefined ? { reason } : {}),
    });
    // Persist before release.
    const rec = await this.opts.store.recordSigning({
      validator: this.key,
      height,
      block_id,
      verdict,
      json: canonicalJson(approvalJson(a)),
    });
    if (rec.kind === 'conflict')
      return lfail('APPROVAL_CONFLICT', `already approved block ${rec.record.block_id} at height ${height}`);
    if (rec.kind === 'existing') {
      if (rec.record.verdict !== verdict)
        return lfail('APPROVAL_CONFLICT', `already gave the verdict ${rec.record.verdict} on this block`);
      const p = parseJson(rec.record.json);
      const old = p.ok && isJsonObject(p.value) ? decodeApproval(p.value) : undefined;
      if (!old?.ok) return lfail('APPROVAL_INVALID', 'the stored signing record is unreadable');
      return this.publish(old.value);
    }
    return this.publish(a);
  }

  /** Counts the signed verdict in the local ledger (rejections of unknown blocks stay outside). */
  private async publish(a: Approval): Promise<LedgerResult<Approval>> {
    if (this.ledger.get(a.block_id)) {
      const r = await this.ledger.addApproval(approvalJson(a));
      if (!r.ok && r.code !== 'APPROVAL_CONFLICT') return r;
    }
    return ok(a);
  }
}
