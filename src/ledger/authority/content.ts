/** Content of an authority block: `{height, time, txs}`. */
import { isJsonObject, type JsonObject } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import { type LedgerResult, lfail } from '../errors.js';

/** Decoded content of a non-genesis authority block (transactions not yet decoded). */
export interface AuthorityContent {
  readonly height: number;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly txs: readonly unknown[];
}

const KEYS = ['height', 'time', 'txs'];

/** Strict decoding of `{height, time, txs}`: exactly these keys, integers ≥ 1 / ≥ 0, and a list. */
export function decodeAuthorityContent(c: JsonObject): LedgerResult<AuthorityContent> {
  if (!isJsonObject(c)) return lfail('BLOCK_INVALID', 'content must be an object');
  const keys = Object.keys(c).sort();
  if (keys.length !== 3 || keys.some((k, i) => k !== KEYS[i]))
    return lfail('BLOCK_INVALID', 'content has exactly the keys height, time, txs');
  const { height, time, txs } = c;
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 1)
    return lfail('BLOCK_INVALID', 'height must be a positive integer');
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0)
    return lfail('BLOCK_INVALID', 'time must be milliseconds since the epoch');
  if (!Array.isArray(txs)) return lfail('BLOCK_INVALID', 'txs must be a list');
  return ok({ height, time, txs });
}
