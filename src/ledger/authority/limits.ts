/** Size limits of the authority profile (consensus rules: every validator applies the genesis values). */
import { isJsonObject } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import { type LedgerResult, lfail } from '../errors.js';

/** Size limits of blocks and transactions. */
export interface Limits {
  /** Largest canonical block, in bytes. */
  readonly blockBytes: number;
  /** Most transactions per block. */
  readonly blockTxs: number;
  /** Largest canonical transaction, in bytes. */
  readonly txBytes: number;
  /** How far a block's time may run ahead of the checker's clock, in milliseconds. */
  readonly futureMs: number;
}

/** Defaults used when the genesis has no `limits`. */
export const DEFAULT_LIMITS: Limits = Object.freeze({
  blockBytes: 4 * 1024 * 1024,
  blockTxs: 5000,
  txBytes: 256 * 1024,
  futureMs: 120_000,
});

const NAMES: Record<string, keyof Limits> = {
  block_bytes: 'blockBytes',
  block_txs: 'blockTxs',
  tx_bytes: 'txBytes',
  future_ms: 'futureMs',
};

/** Decodes `{block_bytes?, block_txs?, tx_bytes?, future_ms?}` (positive integers) over the defaults. */
export function decodeLimits(v: unknown): LedgerResult<Limits> {
  if (!isJsonObject(v)) return lfail('GENESIS_INVALID', 'limits must be an object');
  const out: Record<keyof Limits, number> = { ...DEFAULT_LIMITS };
  for (const [k, x] of Object.entries(v)) {
    const name = NAMES[k];
    if (!name) return lfail('GENESIS_INVALID', `unknown limit ${k}`);
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x <= 0)
      return lfail('GENESIS_INVALID', `limit ${k} must be a positive integer`);
    out[name] = x;
  }
  return ok(out);
}
