/**
 * The box's hot hashes on node:crypto: the same values as the pure `castTracker` and `txId` (hex SHA-256
 * of the canonical JSON), computed natively because the box hashes every cast and transaction on its
 * event loop.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { type Tx, txJson } from '../../../ledger/authority/tx.js';
import { type CastBallot, castToJson } from '../../../protocol/cast/cast.js';

/** Hex SHA-256 of a text's UTF-8. */
export function sha256HexOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Hex SHA-256 of the canonical JSON of `v`. */
export function jsonHashHex(v: JsonValue): string {
  return sha256HexOf(canonicalJson(v));
}

/** `castTracker(cast)`, natively. */
export function trackerOf(cast: CastBallot): string {
  return jsonHashHex(castToJson(cast));
}

/** `txId(tx)`, natively. */
export function txIdOf(tx: Tx): string {
  return jsonHashHex(txJson(tx));
}
