/**
 * The cache of cast checks. `checkCast` (signature, every ciphertext, every proof) is the expensive part
 * of the `ballot` rule, and a node meets the same cast on several paths: its ballot box checks it before
 * giving a receipt, the mempool admits the transaction, the miner builds a block with it, the block is
 * checked on arrival, a validator reviews it. Results are keyed by the election key id and the cast's
 * tracker: the tracker is the SHA-256 of the whole canonical cast, so one tracker is one byte string and
 * its check has one outcome. Failures are kept too. Oldest entries leave first beyond `capacity`.
 * Receipt checks (one Ed25519 verification each) are kept the same way, keyed by the hash of the receipt.
 */
import type { Result } from '../../crypto/result.js';
import type { CheckedCast } from '../../protocol/cast/check.js';
import type { Receipt } from '../../protocol/cast/receipt.js';

function bounded<V>(m: Map<string, V>, k: string, v: V, capacity: number): void {
  if (m.has(k)) return;
  m.set(k, v);
  if (m.size > capacity) {
    const oldest = m.keys().next();
    if (!oldest.done) m.delete(oldest.value);
  }
}

/** A cache of cast-check outcomes. */
export class CastCache {
  private readonly entries = new Map<string, Result<CheckedCast<unknown>>>();
  private readonly receipts = new Map<string, Result<Receipt>>();
  /** Lookups answered from the cache, and lookups that were not. */
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 250_000) {}

  /** The outcome for `tracker` under election key `keyId`, if known. */
  get(keyId: string, tracker: string): Result<CheckedCast<unknown>> | undefined {
    const r = this.entries.get(`${keyId}/${tracker}`);
    if (r === undefined) this.misses++;
    else this.hits++;
    return r;
  }

  /** Records the outcome of checking the cast with `tracker` under `keyId`. */
  set(keyId: string, tracker: string, r: Result<CheckedCast<unknown>>): void {
    bounded(this.entries, `${keyId}/${tracker}`, r, this.capacity);
  }

  /** The outcome of checking the receipt with hash `receiptHash` for `tracker` in election `fingerprint`. */
  getReceipt(fingerprint: string, tracker: string, receiptHash: string): Result<Receipt> | undefined {
    return this.receipts.get(`${fingerprint}/${tracker}/${receiptHash}`);
  }

  /** Records a receipt check. */
  setReceipt(fingerprint: string, tracker: string, receiptHash: string, r: Result<Receipt>): void {
    bounded(this.receipts, `${fingerprint}/${tracker}/${receiptHash}`, r, this.capacity);
  }

  /** Number of cached outcomes. */
  get size(): number {
    return this.entries.size;
  }
}
