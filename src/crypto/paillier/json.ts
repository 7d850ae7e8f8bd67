/** JSON integer helpers shared by the Paillier encodings. */
import { asBigInt, type JsonValue } from '../encoding/canonical-json.js';
import { fail, ok, type Result } from '../result.js';

/** A non-negative integer as JSON: a `number` when it is a safe integer, a `bigint` otherwise (same canonical bytes). */
export function intJson(x: bigint): number | bigint {
  return x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x;
}

/** Reads a non-negative JSON integer (`number` or `bigint`); ENCODING_INVALID otherwise. */
export function nonNegativeInt(v: JsonValue): Result<bigint> {
  const b = asBigInt(v);
  return b === undefined || b < 0n ? fail('ENCODING_INVALID', 'must be a non-negative JSON integer') : ok(b);
}
