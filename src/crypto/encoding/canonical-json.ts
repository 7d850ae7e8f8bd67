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
 *
 * Speed: both directions lean on the engine's native JSON code wherever it is exact. The encoder validates
 * the value, copies only objects whose keys are out of order and hands the result to `JSON.stringify`;
 * only containers holding big integers are assembled by hand. The parser is one strict hand-written
 * scanner (native `indexOf`/`slice` for strings, a digit loop for numbers) that notes in the same pass
 * whether the text is canonical.
 * Spec: docs/crypto.md §1.
 */
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

/** Deepest nesting of arrays and objects accepted by the parser. */
export const MAX_DEPTH = 64;

/** Most digits accepted in one integer literal (Python's default limit for int ↔ str conversion). */
export const MAX_INTEGER_DIGITS = 4300;

/** Any UTF-16 surrogate unit: where code-unit order and code-point order can disagree. */
const SURROGATE = /[\ud800-\udfff]/;

/** A canonical array index: JavaScript enumerates such keys first, in numeric order, whatever the insertion. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

// ---------------------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------------------

/** Already-encoded canonical text of a container that `JSON.stringify` cannot write (it holds a bigint). */
class Encoded {
  constructor(readonly text: string) {}
}

/**
 * The keys in code-point order: the same array when they already are in that order, else a sorted copy.
 * Without surrogates, UTF-16 code-unit order (the default sort) equals code-point order.
 */
function sortedKeys(keys: string[]): string[] {
  const n = keys.length;
  let i = 1;
  while (i < n && compareCodePoints(keys[i - 1]!, keys[i]!) < 0) i++;
  if (i >= n) return keys;
  for (const k of keys) if (SURROGATE.test(k)) return keys.slice().sort(compareCodePoints);
  return keys.slice().sort();
}

/** Text of a prepared value (see {@link prepare}). */
function textOf(p: unknown): string {
  return p instanceof Encoded ? p.text : JSON.stringify(p);
}

/**
 * Checks that `v` has a canonical form and returns something whose `JSON.stringify` is exactly that form:
 * `v` itself when every object already lists its keys in code-point order (as parsed values do), else a copy
 * with the objects rebuilt in that order, or an {@link Encoded} text for a container holding a bigint (or an
 * out-of-order object with array-index keys, whose order JavaScript cannot represent). `JSON.stringify`
 * escapes well-formed strings exactly as canonical JSON does and prints safe integers as plain digits
 * (`-0` as `0`), so the result is the canonical text. Throws {@link CryptoUsageError} on anything else.
 */
function prepare(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
      if (!v.isWellFormed()) throw new CryptoUsageError('string contains a lone surrogate');
      return v;
    case 'number':
      if (!Number.isSafeInteger(v)) throw new CryptoUsageError(`number ${v} is not a safe integer`);
      return v;
    case 'boolean':
      return v;
    case 'bigint': {
      const digits = v.toString(10);
      if (digits.length - (v < 0n ? 1 : 0) > MAX_INTEGER_DIGITS)
        throw new CryptoUsageError(`integer longer than ${MAX_INTEGER_DIGITS} digits`);
      return new Encoded(digits);
    }
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) return prepareArray(v);
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null)
        throw new CryptoUsageError('only plain objects are JSON');
      return prepareObject(v as Record<string, unknown>);
    }
    default:
      throw new CryptoUsageError(`${typeof v} is not JSON`);
  }
}

function prepareArray(v: unknown[]): unknown {
  let out = v; // copied on the first changed item
  let encoded = false;
  // An index loop, not map(): map() skips holes, which must be refused (a hole reads as undefined).
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    const p = prepare(x);
    if (p === x) continue;
    if (out === v) out = v.slice();
    out[i] = p;
    if (p instanceof Encoded) encoded = true;
  }
  if (!encoded) return out;
  const items: string[] = [];
  for (let i = 0; i < out.length; i++) items.push(textOf(out[i]));
  return new Encoded(`[${items.join(',')}]`);
}

function prepareObject(v: Record<string, unknown>): unknown {
  const own = Object.keys(v);
  const keys = sortedKeys(own);
  const reordered = keys !== own;
  const values: unknown[] = new Array(keys.length);
  let changed = reordered;
  let encoded = false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k === '__proto__') throw new CryptoUsageError('the key "__proto__" has no canonical form');
    if (!k.isWellFormed()) throw new CryptoUsageError('key contains a lone surrogate');
    const x = v[k];
    if (x === undefined) throw new CryptoUsageError(`key ${k} is undefined`);
    const p = prepare(x);
    values[i] = p;
    if (p !== x) changed = true;
    if (p instanceof Encoded) encoded = true;
  }
  if (!changed) return v;
  // A rebuilt object enumerates array-index keys first whatever the insertion order: write such objects by hand.
  if (!encoded && !(reordered && keys.some((k) => ARRAY_INDEX.test(k)))) {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i];
    return out;
  }
  const members: string[] = [];
  for (let i = 0; i < keys.length; i++) members.push(`${JSON.stringify(keys[i])}:${textOf(values[i])}`);
  return new Encoded(`{${members.join(',')}}`);
}

/**
 * Encodes a value as canonical JSON text. Throws {@link CryptoUsageError} on values that have no
 * canonical form (floats, unsafe `number`s, integers over {@link MAX_INTEGER_DIGITS} digits, `undefined`,
 * functions, array holes, non-plain objects, the key `__proto__`, lone surrogates): producing such a
 * value is a programming error, never a consequence of untrusted input.
 */
export function canonicalJson(v: JsonValue): string {
  return textOf(prepare(v));
}

/** Canonical JSON as UTF-8 bytes. */
export function canonicalBytes(v: JsonValue): Uint8Array {
  return utf8(canonicalJson(v));
}

// ---------------------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------------------

/** A raw control character: never valid inside a string, only as whitespace between tokens. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings must not hold raw control characters.
const CONTROL = /[\u0000-\u001f]/;

/** Thrown inside the parser only; turned into a `JSON_INVALID` failure at the boundary. */
class JsonRejection extends Error {}

/**
 * One strict recursive-descent pass over the text. Besides the value it records whether the text is exactly
 * the canonical encoding of that value (no whitespace, keys ascending by code point, each string escaped as
 * `JSON.stringify` escapes it); numbers and literals are accepted only in their one canonical spelling anyway.
 */
class Parser {
  pos = 0;
  /** Still possibly canonical. */
  canonical = true;
  /** The text holds a raw control character somewhere, so each unescaped string must be checked for one. */
  private readonly controls: boolean;
  /** The text is well-formed UTF-16, so is every unescaped string in it (quotes cannot split a pair). */
  private readonly wellFormed: boolean;
  /**
   * No raw surrogate in the text, so `<` orders its raw keys by code point. A key with an escaped surrogate
   * makes the text non-canonical anyway, and any fixed strict order rules out duplicates.
   */
  private readonly unitOrder: boolean;
  /** Position of the next backslash at or after the current string, or -1 if there is none. */
  private nextEscape: number;

  constructor(private readonly text: string) {
    this.controls = CONTROL.test(text);
    this.wellFormed = text.isWellFormed();
    this.unitOrder = !SURROGATE.test(text);
    this.nextEscape = text.indexOf('\\');
  }

  private reject(what: string): never {
    throw new JsonRejection(`${what} at offset ${this.pos}`);
  }

  /** Skips insignificant whitespace (which makes the text non-canonical); returns the next code unit. */
  private skip(): number {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      this.canonical = false;
      do c = t.charCodeAt(++this.pos);
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09);
    }
    return c;
  }

  /** The whole text as one value followed only by whitespace. */
  document(): JsonValue {
    const v = this.value(0);
    this.skip();
    if (this.pos !== this.text.length) this.reject('unexpected text after the value');
    return v;
  }

  /** A value whose enclosing containers are `depth` deep. */
  private value(depth: number): JsonValue {
    const c = this.skip();
    const t = this.text;
    if (c === 0x22) return this.string();
    if (c === 0x7b || c === 0x5b) {
      if (depth >= MAX_DEPTH) this.reject(`nesting deeper than ${MAX_DEPTH} levels`);
      this.pos++;
      return c === 0x7b ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.integer(c);
    if (c === 0x74 && t.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (c === 0x66 && t.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    if (c === 0x6e && t.startsWith('null', this.pos)) {
      this.pos += 4;
      return null;
    }
    return this.reject(Number.isNaN(c) ? 'unexpected end of text' : 'unexpected character');
  }

  /** Members after `{`: keys are strings, unique (in any spelling), never `__proto__`. */
  private object(depth: number): JsonObject {
    const o: JsonObject = {};
    let c = this.skip();
    if (c === 0x7d) {
      this.pos++;
      return o;
    }
    let previous = '';
    let ascending = true; // every key so far above the one before it, so none can repeat
    for (let n = 0; ; n++) {
      if (c !== 0x22) this.reject('expected a string key');
      const k = this.string();
      if (k === '__proto__') this.reject('the key "__proto__" is not allowed');
      if (n > 0 && !(ascending && (this.unitOrder ? previous < k : compareCodePoints(previous, k) < 0))) {
        ascending = false;
        this.canonical = false;
        if (Object.hasOwn(o, k)) this.reject(`duplicate key ${JSON.stringify(k).slice(0, 40)}`);
      }
      previous = k;
      if (this.skip() !== 0x3a) this.reject('expected ":"');
      this.pos++;
      o[k] = this.value(depth);
      c = this.skip();
      this.pos++;
      if (c === 0x7d) return o;
      if (c !== 0x2c) this.reject('expected "," or "}"');
      c = this.skip();
    }
  }

  /** Items after `[`. */
  private array(depth: number): JsonValue[] {
    const a: JsonValue[] = [];
    if (this.skip() === 0x5d) {
      this.pos++;
      return a;
    }
    for (;;) {
      a.push(this.value(depth));
      const c = this.skip();
      this.pos++;
      if (c === 0x5d) return a;
      if (c !== 0x2c) this.reject('expected "," or "]"');
    }
  }

  /** A string at the opening quote. */
  private string(): string {
    const t = this.text;
    const start = this.pos + 1;
    const end = t.indexOf('"', start);
    if (end < 0) this.reject('unterminated string');
    if (this.nextEscape !== -1 && this.nextEscape < start) this.nextEscape = t.indexOf('\\', start);
    if (this.nextEscape === -1 || this.nextEscape > end) {
      // No escape: the characters are the value.
      const s = t.slice(start, end);
      if (this.controls && CONTROL.test(s)) this.reject('raw control character in a string');
      if (!this.wellFormed && !s.isWellFormed()) this.reject('string contains a lone surrogate');
      this.pos = end + 1;
      return s;
    }
    return this.escapedString(start);
  }

  /** A string with escapes: the closing quote is the first one preceded by an even run of backslashes. */
  private escapedString(start: number): string {
    const t = this.text;
    let end = start - 1;
    for (;;) {
      end = t.indexOf('"', end + 1);
      if (end < 0) this.reject('unterminated string');
      let slashes = 0;
      while (t.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
      if (slashes % 2 === 0) break;
    }
    const raw = t.slice(start - 1, end + 1);
    let s: unknown;
    try {
      s = JSON.parse(raw); // a quoted string alone: the engine checks escapes and raw control characters
    } catch {
      this.reject('invalid string');
    }
    const str = s as string;
    if (!str.isWellFormed()) this.reject('string contains a lone surrogate');
    if (this.canonical && JSON.stringify(str) !== raw) this.canonical = false;
    this.pos = end + 1;
    return str;
  }

  /** An integer: `-?(0|[1-9][0-9]*)`, not `-0`, not followed by a fraction or exponent. */
  private integer(first: number): number | bigint {
    const t = this.text;
    const start = this.pos;
    let c = first;
    if (c === 0x2d) c = t.charCodeAt(++this.pos);
    if (c === 0x30) {
      if (first === 0x2d) this.reject('-0 is not a canonical integer');
      c = t.charCodeAt(++this.pos);
      if (c >= 0x30 && c <= 0x39) this.reject('leading zero');
      if (c === 0x2e || c === 0x65 || c === 0x45) this.reject('number is not an integer');
      return 0;
    }
    if (!(c >= 0x31 && c <= 0x39)) this.reject('invalid number');
    let v = c - 0x30; // exact while there are at most 15 digits
    c = t.charCodeAt(++this.pos);
    while (c >= 0x30 && c <= 0x39) {
      v = v * 10 + (c - 0x30);
      c = t.charCodeAt(++this.pos);
    }
    if (c === 0x2e || c === 0x65 || c === 0x45) this.reject('number is not an integer');
    const digits = this.pos - start - (first === 0x2d ? 1 : 0);
    if (digits <= 15) return first === 0x2d ? -v : v;
    if (digits > MAX_INTEGER_DIGITS) this.reject(`integer longer than ${MAX_INTEGER_DIGITS} digits`);
    const big = BigInt(t.slice(start, this.pos));
    return big >= MIN_SAFE && big <= MAX_SAFE ? Number(big) : big;
  }
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Parses `text`, returning the value and whether the text is its canonical encoding. */
function parse(text: string): Result<{ value: JsonValue; canonical: boolean }> {
  if (typeof text !== 'string') return fail('JSON_INVALID', 'JSON text must be a string');
  const p = new Parser(text);
  try {
    const value = p.document();
    return ok({ value, canonical: p.canonical });
  } catch (e) {
    if (e instanceof JsonRejection) return fail('JSON_INVALID', e.message);
    throw e;
  }
}

/**
 * Parses strict JSON with exact integers. Rejects syntax errors, duplicate keys (even with equal values),
 * the key `__proto__` (in any escaped spelling), non-integer numbers, `-0`, integers longer than
 * {@link MAX_INTEGER_DIGITS} digits, lone surrogates and nesting deeper than {@link MAX_DEPTH}, all with
 * `JSON_INVALID`. Insignificant whitespace and any key order are accepted. Never throws.
 *
 * Unescaped strings in the result may share memory with `text` (engine string slices).
 */
export function parseJson(text: string): Result<JsonValue> {
  const r = parse(text);
  return r.ok ? ok(r.value.value) : r;
}

/**
 * Parses JSON and additionally requires the text to be exactly the canonical encoding of its value
 * (`ENCODING_NONCANONICAL` otherwise; `JSON_INVALID` wins when both apply). On success the text itself is
 * `canonicalJson(value)`, so callers may hash it directly.
 */
export function parseCanonicalJson(text: string): Result<JsonValue> {
  const r = parse(text);
  if (!r.ok) return r;
  if (!r.value.canonical) return fail('ENCODING_NONCANONICAL', 'JSON text is not in canonical form');
  return ok(r.value.value);
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
