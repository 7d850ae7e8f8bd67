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
 * Parse limits: at most {@link MAX_DEPTH} nested arrays/objects and {@link MAX_INTEGER_DIGITS} digits per
 * integer (Python's default `int` string limit), so hostile input cannot exhaust stack or CPU.
 * Spec: docs/crypto/encoding.md.
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
 * canonical form (floats, unsafe `number`s, integers over {@link MAX_INTEGER_DIGITS} digits, `undefined`,
 * functions, array holes, non-plain objects, the key `__proto__`, lone surrogates): producing such a
 * value is a programming error, never a consequence of untrusted input.
 */
export function canonicalJson(v: JsonValue): string {
  switch (typeof v) {
    case 'string':
      return encodeString(v);
    case 'bigint': {
      const digits = v.toString(10);
      if (digits.length - (v < 0n ? 1 : 0) > MAX_INTEGER_DIGITS)
        throw new CryptoUsageError(`integer longer than ${MAX_INTEGER_DIGITS} digits`);
      return digits;
    }
    case 'number':
      if (!Number.isSafeInteger(v)) throw new CryptoUsageError(`number ${v} is not a safe integer`);
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        const items: string[] = [];
        // An index loop, not map(): map() skips holes, which would produce `[,1]`.
        for (let i = 0; i < v.length; i++) items.push(canonicalJson(v[i] as JsonValue));
        return `[${items.join(',')}]`;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null)
        throw new CryptoUsageError('only plain objects are JSON');
      const keys = Object.keys(v).sort(compareCodePoints);
      const parts: string[] = [];
      for (const k of keys) {
        const x = v[k];
        if (x === undefined) throw new CryptoUsageError(`key ${k} is undefined`);
        if (k === '__proto__') throw new CryptoUsageError('the key "__proto__" has no canonical form');
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

/** Deepest nesting of arrays and objects accepted by the parser. */
export const MAX_DEPTH = 64;

/** Most digits accepted in one integer literal (Python's default limit for int ↔ str conversion). */
export const MAX_INTEGER_DIGITS = 4300;

const INT_RE = /^-?(?:0|[1-9][0-9]*)$/;

class JsonRejection extends Error {}

function parseNumber(text: string): number | bigint {
  if (!INT_RE.test(text)) throw new JsonRejection(`number ${text.slice(0, 40)} is not an integer`);
  if (text === '-0') throw new JsonRejection('-0 is not a canonical integer');
  if (text.length - (text[0] === '-' ? 1 : 0) > MAX_INTEGER_DIGITS)
    throw new JsonRejection(`integer longer than ${MAX_INTEGER_DIGITS} digits`);
  const big = BigInt(text);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/**
 * Structural pre-scan of the text, before the real parse: nesting depth, duplicate keys (lossless-json only
 * rejects duplicates whose values differ) and the key `__proto__` in any spelling (e.g. `"\u005f_proto__"`).
 * Syntax errors are left to the parser: on anything unexpected the scan simply stops.
 */
function scanStructure(text: string): void {
  const stack: (Set<string> | null)[] = []; // one key set per open object, null per open array
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return;
      const keys = stack[stack.length - 1];
      if (keys && expectKey) {
        let key: unknown;
        try {
          key = JSON.parse(text.slice(i, j + 1));
        } catch {
          return;
        }
        if (key === '__proto__') throw new JsonRejection('the key "__proto__" is not allowed');
        if (keys.has(key as string))
          throw new JsonRejection(`duplicate key ${JSON.stringify(key).slice(0, 40)}`);
        keys.add(key as string);
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      stack.push(c === '{' ? new Set() : null);
      if (stack.length > MAX_DEPTH) throw new JsonRejection(`nesting deeper than ${MAX_DEPTH} levels`);
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
}

/** Rejects lone surrogates in keys and strings (the parser decodes `\ud800` escapes without complaint). */
function checkStrings(v: unknown): void {
  if (typeof v === 'string') {
    if (!v.isWellFormed()) throw new JsonRejection('string contains a lone surrogate');
  } else if (Array.isArray(v)) {
    for (const x of v) checkStrings(x);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (!k.isWellFormed()) throw new JsonRejection('key contains a lone surrogate');
      checkStrings(x);
    }
  }
}

/**
 * Parses strict JSON with exact integers. Rejects syntax errors, duplicate keys (even with equal values),
 * the key `__proto__` (in any escaped spelling), non-integer numbers, `-0`, integers longer than
 * {@link MAX_INTEGER_DIGITS} digits, lone surrogates and nesting deeper than {@link MAX_DEPTH}, all with
 * `JSON_INVALID`. Insignificant whitespace and any key order are accepted. Never throws.
 */
export function parseJson(text: string): Result<JsonValue> {
  if (typeof text !== 'string') return fail('JSON_INVALID', 'JSON text must be a string');
  try {
    scanStructure(text);
    const v = losslessParse(text, null, parseNumber) as JsonValue;
    checkStrings(v);
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
  // The text must be byte-for-byte the encoding of its own value (order, spacing, escapes, digits).
  let canonical: string;
  try {
    canonical = canonicalJson(r.value);
  } catch (e) {
    return fail('JSON_INVALID', e instanceof Error ? e.message : String(e)); // unreachable for parsed values
  }
  if (canonical !== text) return fail('ENCODING_NONCANONICAL', 'JSON text is not in canonical form');
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
