/**
 * The cache of cast checks. `checkCast` (signature, every ciphertext, every proof) is the expensive part
 * of the `ballot` rule, and a node meets the same cast on several paths: its ballot box checks it before
 * giving a receipt, the mempool admits the transaction, the miner builds a block with it, the block is
 * checked on arrival, a validator reviews it. Results are keyed by the election key id and the cast's
 * tracker: the tracker is the SHA-256 of the whole canonical cast, so one tracker is one byte string and
 * its check has one outcome. Failures are kept too. Oldest entries leave first beyond `capacity`.
 */
import type { Result } from '../../crypto/result.js';
import type { CheckedCast } from '../../protocol/cast/check.js';

/** A cache of cast-check outcomes. */
export class CastCache {
  private readonly entries = new Map<string, Result<CheckedCast<unknown>>>();
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
    const k = `${keyId}/${tracker}`;
    if (this.entries.has(k)) return;
    this.entries.set(k, r);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** Number of cached outcomes. */
  get size(): number {
    return this.entries.size;
  }
}
