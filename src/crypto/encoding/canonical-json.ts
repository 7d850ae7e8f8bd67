/**
 * Canonical JSON: the one byte encoding of every signed or hashed object.
 *
 * Rules (byte-identical to Python's `canonicaljson.encode_canonical_json`):
 * object keys sorted by Unicode code point, no insignificant whitespace, UTF-8 output,
 * strings escaped exactly as `JSON.stringify`/Python `json` with `ensure_ascii=False`
 * (`\"`, `\\`, `\b \f \n \r \t`, other controls as lowercase `\u00xx`), integers of any size as
 * plain JSON numbers. Floats, NaN, `undefined` and lone surrogates are not representable.
 *
 * The parser keeps big integers exact: integers within ±(2^53−1) become `number`, larger ones `bigint`.
 */
import { parse as losslessParse } from 'lossless-json';
import { utf8 } from '../bytes.js';
import { CryptoUsageError, fail, ok, type Result } from '../result.js';

/** A JSON value with exact integers. */
export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Compares two strings by Unicode code point (not UTF-16 code unit, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x - y;
    return xs ? 1 : -1; // a surrogate starts a code point ≥ U+10000, above every other BMP unit
  }
  return a.length - b.length;
}

function encodeString(s: string): string {
  if (!s.isWellFormed()) throw new CryptoUsageError('string contains a lone surrogate');
  return JSON.stringify(s);
}

/**
 * Encodes a value as canonical JSON text. Throws {@link CryptoUsageError} on values that have no
 * canonical form (floats, unsafe `number`s, `undefined`, functions, lone surrogates): producing such a
 * value is a programming error, never a consequence of untrusted input.
 */
export function canonicalJson(v: JsonValue): string {
  switch (typeof v) {
    case 'string':
      return encodeString(v);
    case 'bigint':
      return v.toString(10);
    case 'number':
      if (!Number.isSafeInteger(v)) throw new CryptoUsageError(`number ${v} is not a safe integer`);
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null)
        throw new CryptoUsageError('only plain objects are JSON');
      const keys = Object.keys(v).sort(compareCodePoints);
      const parts: string[] = [];
      for (const k of keys) {
        const x = v[k];
        if (x === undefined) throw new CryptoUsageError(`key ${k} is undefined`);
        parts.push(`${encodeString(k)}:${canonicalJson(x)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new CryptoUsageError(`${typeof v} is not JSON`);
  }
}

/** Canonical JSON as UTF-8 bytes. */
export function canonicalBytes(v: JsonValue): Uint8Array {
  return utf8(canonicalJson(v));
}

const INT_RE = /^-?(?:0|[1-9][0-9]*)$/;

class JsonRejection extends Error {}

function parseNumber(text: string): number | bigint {
  if (!INT_RE.test(text)) throw new JsonRejection(`number ${text.slice(0, 40)} is not an integer`);
  const big = BigInt(text);
  if (text === '-0') throw new JsonRejection('-0 is not a canonical integer');
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function checkStrings(v: unknown, depth: number): void {
  if (depth > 64) throw new JsonRejection('nesting deeper than 64 levels');
  if (typeof v === 'string') {
    if (!v.isWellFormed()) throw new JsonRejection('string contains a lone surrogate');
  } else if (Array.isArray(v)) {
    for (const x of v) checkStrings(x, depth + 1);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (!k.isWellFormed()) throw new JsonRejection('key contains a lone surrogate');
      checkStrings(x, depth + 1);
    }
  }
}

/**
 * Parses strict JSON with exact integers. Rejects syntax errors, duplicate keys, the key `__proto__`,
 * non-integer numbers, lone surrogates and nesting deeper than 64. Never throws.
 */
export function parseJson(text: string): Result<JsonValue> {
  if (text.includes('"__proto__"')) return fail('JSON_INVALID', 'the key "__proto__" is not allowed');
  try {
    const v = losslessParse(text, null, parseNumber) as JsonValue;
    checkStrings(v, 0);
    return ok(v);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return fail('JSON_INVALID', msg);
  }
}

/** Parses JSON and additionally requires the text to be exactly the canonical encoding of its value. */
export function parseCanonicalJson(text: string): Result<JsonValue> {
  const r = parseJson(text);
  if (!r.ok) return r;
  if (canonicalJson(r.value) !== text)
    return fail('ENCODING_NONCANONICAL', 'JSON text is not in canonical form');
  return r;
}

/** True for plain JSON objects (not arrays, not null). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a JSON integer (number or bigint) as a bigint, or undefined if it is not an integer. */
export function asBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  return undefined;
}
