/**
 * Strict field readers shared by the election records (definition, eligibility records, cast ballots,
 * receipts, audits). Each reader takes the error code of the record being read, so a bad field of a
 * receipt fails with `RECEIPT_INVALID`, of a definition with `ELECTION_INVALID`, and so on.
 * None of them throws.
 */
import { fromHex } from '../../crypto/bytes.js';
import { isJsonObject, type JsonObject } from '../../crypto/encoding/canonical-json.js';
import { type Check, type ErrorCode, fail, OK, ok, type Result } from '../../crypto/result.js';
import { isValidPublicKey } from '../../crypto/sig/ed25519.js';
import { isAcceptablePublicKeyEncoding } from '../../crypto/sig/ed25519-policy.js';

/** Identifiers (election id, ballot-box ids): letters, digits, `_ . -`, starting alphanumeric. */
export const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const HEX64_RE = /^[0-9a-f]{64}$/;

/** Reads `v` as an object whose keys are exactly `required` plus any of `optional`. */
export function readObject(
  code: ErrorCode,
  v: unknown,
  what: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Result<JsonObject> {
  if (!isJsonObject(v)) return fail(code, `${what} must be a JSON object`);
  for (const k of Object.keys(v)) {
    if (!required.includes(k) && !optional.includes(k)) return fail(code, `${what} has unknown field "${k}"`);
  }
  for (const k of required) if (!(k in v)) return fail(code, `${what} lacks the field "${k}"`);
  return ok(v);
}

/** Reads an identifier matching {@link ID_RE}. */
export function readId(code: ErrorCode, v: unknown, what: string): Result<string> {
  if (typeof v !== 'string' || !ID_RE.test(v))
    return fail(code, `${what} must be 1 to 64 letters, digits, '_', '.' or '-', starting alphanumeric`);
  return ok(v);
}

/** Reads a non-empty string of at most `maxLength` characters. */
export function readText(code: ErrorCode, v: unknown, what: string, maxLength: number): Result<string> {
  if (typeof v !== 'string' || v.trim() === '') return fail(code, `${what} must be a non-empty string`);
  if (v.length > maxLength) return fail(code, `${what} is longer than ${maxLength} characters`);
  return ok(v);
}

/** Reads a safe integer in [min, max]. */
export function readInt(code: ErrorCode, v: unknown, what: string, min: number, max: number): Result<number> {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    return fail(code, `${what} must be an integer in [${min}, ${max}]`);
  return ok(v);
}

/** Reads one of a fixed list of strings. */
export function readEnum<T extends string>(
  code: ErrorCode,
  v: unknown,
  what: string,
  values: readonly T[],
): Result<T> {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    return fail(code, `${what} must be one of ${values.map((x) => `"${x}"`).join(', ')}`);
  return ok(v as T);
}

/** Reads 32 bytes as 64 lowercase hex digits (hashes, fingerprints, ballot ids). */
export function readHex32(code: ErrorCode, v: unknown, what: string): Result<string> {
  if (typeof v !== 'string' || !HEX64_RE.test(v))
    return fail(code, `${what} must be 64 lowercase hex digits`);
  return ok(v);
}

/** Reads lowercase hex of exactly `bytes` bytes (any length when omitted, but at least one byte). */
export function readHex(code: ErrorCode, v: unknown, what: string, bytes?: number): Result<string> {
  const b = fromHex(v, bytes);
  if (!b.ok || b.value.length === 0)
    return fail(code, `${what} must be ${bytes ?? 'non-empty'} bytes of lowercase hex`);
  return ok(v as string);
}

/**
 * Reads an Ed25519 public key as 64 lowercase hex digits and checks it under the pnyx policy (canonical,
 * not of small order, on the curve). Fails with `code`, never with the signature codes, because here the
 * key is a field of a record.
 */
export function readPublicKey(code: ErrorCode, v: unknown, what: string): Result<string> {
  const h = readHex32(code, v, what);
  if (!h.ok) return h;
  const b = fromHex(h.value, 32);
  if (!b.ok || !isValidPublicKey(b.value))
    return fail(code, `${what} is not an acceptable Ed25519 public key`);
  return h;
}

/**
 * Reads an Ed25519 public key with the byte checks of the policy only (64 lowercase hex digits, canonical
 * y, not of small order), without decoding the point (~90 µs saved per key). For long key lists whose
 * keys are used only to verify signatures: an off-curve key can never verify one.
 */
export function readPublicKeyEncoding(code: ErrorCode, v: unknown, what: string): Result<string> {
  const h = readHex32(code, v, what);
  if (!h.ok) return h;
  const b = fromHex(h.value, 32);
  if (!b.ok || !isAcceptablePublicKeyEncoding(b.value))
    return fail(code, `${what} is not an acceptable Ed25519 public key encoding`);
  return h;
}

/** Reads a list of `min` to `max` entries with `readOne`, prefixing failures with the entry's path. */
export function readList<T>(
  code: ErrorCode,
  v: unknown,
  what: string,
  min: number,
  max: number,
  readOne: (x: unknown, where: string) => Result<T>,
): Result<T[]> {
  if (!Array.isArray(v) || v.length < min || v.length > max)
    return fail(code, `${what} must be a list of ${min} to ${max} entries`);
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) {
    const r = readOne(v[i], `${what}[${i}]`);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

/** Checks that `keyOf` takes distinct values over `items`. */
export function checkDistinct<T>(
  code: ErrorCode,
  items: readonly T[],
  what: string,
  keyOf: (x: T) => string,
): Check {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const k = keyOf(items[i]!);
    if (seen.has(k)) return fail(code, `${what}[${i}] repeats "${k}"`);
    seen.add(k);
  }
  return OK;
}

/** Checks that strings are in strictly increasing order (sorted and distinct), as canonical lists are. */
export function checkSorted(code: ErrorCode, items: readonly string[], what: string): Check {
  for (let i = 1; i < items.length; i++) {
    if (!(items[i - 1]! < items[i]!)) return fail(code, `${what} must be sorted ascending without repeats`);
  }
  return OK;
}
