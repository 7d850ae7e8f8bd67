/** Strict JSON decoding helpers shared by ciphertexts, proofs and ceremony messages. */
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import { fail, ok, type Result, within } from '../result.js';

/** Checks that `v` is an object with exactly the keys `keys` (in any order). */
export function exactKeys(v: unknown, keys: readonly string[], what: string): Result<JsonObject> {
  if (!isJsonObject(v)) return fail('ENCODING_INVALID', `${what} must be a JSON object`);
  for (const k of keys)
    if (!Object.hasOwn(v, k)) return fail('ENCODING_INVALID', `${what} lacks the key "${k}"`);
  const extra = Object.keys(v).filter((k) => !keys.includes(k));
  if (extra.length > 0) return fail('ENCODING_INVALID', `${what} has unexpected keys: ${extra.join(', ')}`);
  return ok(v);
}

/** Decodes the scalar field `key` of `o` with `G.scalarFromJson`, naming the field on failure. */
export function scalarField<E>(G: Group<E>, o: JsonObject, key: string, what: string): Result<bigint> {
  const r = G.scalarFromJson(o[key]);
  return r.ok ? r : within(`${what}.${key}`, r);
}

/** Decodes the element field `key` of `o` with `G.fromJson`, naming the field on failure. */
export function elementField<E>(G: Group<E>, o: JsonObject, key: string, what: string): Result<E> {
  const r = G.fromJson(o[key]);
  return r.ok ? r : within(`${what}.${key}`, r);
}

/** Decodes a JSON array of at most `maxLength` items with `item`, naming the failing index. */
export function arrayField<T>(
  v: unknown,
  what: string,
  maxLength: number,
  item: (x: JsonValue) => Result<T>,
): Result<T[]> {
  if (!Array.isArray(v)) return fail('ENCODING_INVALID', `${what} must be a JSON array`);
  if (v.length > maxLength)
    return fail('ENCODING_INVALID', `${what} has ${v.length} items, more than the limit ${maxLength}`);
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) {
    const r = item(v[i] as JsonValue);
    if (!r.ok) return within(`${what}[${i}]`, r);
    out.push(r.value);
  }
  return ok(out);
}

/** Reads a JSON integer in [min, max] (as a `number`), e.g. a trustee index or a bound. */
export function smallIntField(
  o: JsonObject,
  key: string,
  what: string,
  min: number,
  max: number,
): Result<number> {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    return fail('ENCODING_INVALID', `${what}.${key} must be an integer in [${min}, ${max}]`);
  return ok(v);
}
