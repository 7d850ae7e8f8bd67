/**
 * The fast canonical-JSON encoder and parser against a slow, obviously correct reference written here:
 * a regex tokenizer with a Map per object, BigInt for every number, and an encoder that sorts keys by
 * comparing code-point arrays. Both must produce the same bytes, accept and reject the same texts with the
 * same error code, and return the same values (with the same number/bigint split).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  type JsonValue,
  MAX_DEPTH,
  MAX_INTEGER_DIGITS,
  parseCanonicalJson,
  parseJson,
} from '../../src/crypto/encoding/canonical-json.js';
import { CryptoUsageError, type Result } from '../../src/crypto/result.js';

// ---------------------------------------------------------------------------------------------------------
// Reference
// ---------------------------------------------------------------------------------------------------------

/** Code-point order, the slow and obvious way. */
function referenceOrder(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Reference encoder: one recursive function, keys sorted by code point, strings by JSON.stringify. */
function referenceEncode(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new CryptoUsageError('not a safe integer');
    return String(v);
  }
  if (typeof v === 'bigint') {
    if ((v < 0n ? -v : v).toString().length > MAX_INTEGER_DIGITS) throw new CryptoUsageError('too long');
    return v.toString();
  }
  if (typeof v === 'string') {
    if (!v.isWellFormed()) throw new CryptoUsageError('lone surrogate');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) {
    const items: string[] = [];
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) throw new CryptoUsageError('hole');
      items.push(referenceEncode(v[i]));
    }
    return `[${items.join(',')}]`;
  }
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new CryptoUsageError('not plain');
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort(referenceOrder);
    return `{${keys
      .map((k) => {
        if (k === '__proto__' || o[k] === undefined) throw new CryptoUsageError('bad member');
        return `${referenceEncode(k)}:${referenceEncode(o[k])}`;
      })
      .join(',')}}`;
  }
  throw new CryptoUsageError('not JSON');
}

const TOKEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings must not hold raw control characters.
  /[ \t\n\r]+|[{}[\],:]|"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;

class Bad extends Error {}

/** Reference parser: tokens first, then recursive descent over them; canonical iff re-encoding gives the text. */
function referenceParse(text: string, canonical: boolean): Result<JsonValue> {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) return { ok: false, code: 'JSON_INVALID', message: 'bad token' };
    if (!/^[ \t\n\r]/.test(m[0])) tokens.push(m[0]);
  }
  let i = 0;
  const next = (): string => {
    if (i >= tokens.length) throw new Bad('end');
    return tokens[i++]!;
  };
  const value = (depth: number): JsonValue => {
    const t = next();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t === 'null') return null;
    if (t.startsWith('"')) {
      const s = JSON.parse(t) as string;
      if (!s.isWellFormed()) throw new Bad('lone surrogate');
      return s;
    }
    if (/^-?[0-9]/.test(t)) {
      if (!/^-?(?:0|[1-9][0-9]*)$/.test(t) || t === '-0') throw new Bad('not a canonical integer');
      if (t.replace('-', '').length > MAX_INTEGER_DIGITS) throw new Bad('too long');
      const b = BigInt(t);
      return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
    }
    if (t === '[' || t === '{') {
      if (depth + 1 > MAX_DEPTH) throw new Bad('too deep');
      const close = t === '[' ? ']' : '}';
      const items: JsonValue[] = [];
      const members = new Map<string, JsonValue>();
      if (tokens[i] === close) {
        i++;
      } else {
        for (;;) {
          if (t === '[') items.push(value(depth + 1));
          else {
            const k = next();
            if (!k.startsWith('"')) throw new Bad('key');
            const key = JSON.parse(k) as string;
            if (!key.isWellFormed() || key === '__proto__' || members.has(key)) throw new Bad('key');
            if (next() !== ':') throw new Bad(':');
            members.set(key, value(depth + 1));
          }
          const sep = next();
          if (sep === close) break;
          if (sep !== ',') throw new Bad(',');
        }
      }
      if (t === '[') return items;
      const o: Record<string, JsonValue> = {};
      for (const [k, x] of members)
        Object.defineProperty(o, k, { value: x, enumerable: true, writable: true });
      return o;
    }
    throw new Bad('unexpected');
  };
  try {
    const v = value(0);
    if (i !== tokens.length) throw new Bad('trailing');
    if (canonical && referenceEncode(v) !== text)
      return { ok: false, code: 'ENCODING_NONCANONICAL', message: 'not canonical' };
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, code: 'JSON_INVALID', message: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------------

/** Characters that exercise escaping and ordering: quotes, controls, U+2028, BMP above surrogates, astral. */
const SPECIAL = ['"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '\ue000', '\uffff'];
const char = fc.oneof(
  fc.constantFrom(...SPECIAL, '\u{10000}', '\u{1F5F3}', 'a', 'b', '0', '1', '_'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((s) => s.isWellFormed()),
);
const text = (maxLength: number) => fc.string({ unit: char, maxLength });
/** Keys: short strings, array-index-like numbers (which JavaScript enumerates first) and plain names. */
const key = fc.oneof(
  text(4),
  fc.nat(20).map(String),
  fc.constantFrom('a', 'b', 'constructor', 'toString'),
  // Keys on both sides of the UTF-16 / code-point disagreement.
  fc.constantFrom('\ue000', '\uffff', '\u{10000}', '\u{1F5F3}', 'x\u{1F600}', 'x\uffff'),
);

/** Integers of every size class: small, near 2^53, 2048-bit, at the digit limit. */
const integer = fc
  .oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
    fc.bigInt({ min: -(2n ** 2048n), max: 2n ** 2048n }),
    fc.bigInt({ min: 10n ** 4299n, max: 10n ** 4300n - 1n }),
  )
  .map((b): number | bigint =>
    typeof b === 'number' ? b : b >= -(2n ** 53n) + 1n && b <= 2n ** 53n - 1n ? Number(b) : b,
  );

/** JSON values with keys in random insertion order (so both sorted and unsorted objects occur). */
const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    integer,
    text(10),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('v')), { maxLength: 5 }).map((kv) => {
      const o: Record<string, JsonValue> = {};
      for (const [k, x] of kv) if (k !== '__proto__') o[k] = x;
      return o;
    }),
  ),
})).v;

/** A loose spelling of `v`: random whitespace, random key order, optional escapes of ordinary characters. */
function loose(v: JsonValue, rnd: () => number): string {
  const ws = () => [' ', '', '\n', '\t ', '', '\r\n'][Math.floor(rnd() * 6)]!;
  // Any character as \uXXXX escapes (astral ones as a surrogate pair), in either case of hex digits.
  const unicodeEscape = (c: string) => {
    const units = Array.from({ length: c.length }, (_, i) => c.charCodeAt(i).toString(16).padStart(4, '0'));
    return units.map((u) => `\\u${rnd() < 0.5 ? u : u.toUpperCase()}`).join('');
  };
  const str = (s: string) => {
    if (rnd() >= 0.3) return JSON.stringify(s);
    const chars = Array.from(s, (c) =>
      rnd() < 0.5 ? unicodeEscape(c) : c === '/' ? '\\/' : JSON.stringify(c).slice(1, -1),
    );
    return `"${chars.join('')}"`;
  };
  const go = (x: JsonValue): string => {
    if (Array.isArray(x)) return `[${ws()}${x.map((y) => `${go(y)}${ws()}`).join(`,${ws()}`)}]`;
    if (typeof x === 'object' && x !== null) {
      const keys = Object.keys(x).sort(() => rnd() - 0.5);
      return `{${ws()}${keys.map((k) => `${str(k)}${ws()}:${ws()}${go(x[k]!)}`).join(`,${ws()}`)}${ws()}}`;
    }
    return typeof x === 'string' ? str(x) : referenceEncode(x);
  };
  return `${ws()}${go(v)}${ws()}`;
}

/** Edits that turn valid JSON into something that may or may not be valid. */
const EDITS = [
  'delete',
  'insert',
  'replace',
  'duplicate-member',
  'proto-key',
  'fraction',
  'exponent',
  'leading-zero',
  'minus-zero',
  'lone-surrogate',
  'deepen',
  'truncate',
] as const;
const INSERTS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '0',
  '-',
  '.',
  'e',
  ' ',
  'a',
  '\t',
  '\u0001',
  '\ud800',
  'x',
];

function mutate(t: string, edit: (typeof EDITS)[number], at: number, pick: number): string {
  const p = t.length === 0 ? 0 : at % (t.length + 1);
  const ins = INSERTS[pick % INSERTS.length]!;
  switch (edit) {
    case 'delete':
      return t.slice(0, p) + t.slice(p + 1);
    case 'insert':
      return t.slice(0, p) + ins + t.slice(p);
    case 'replace':
      return t.slice(0, p) + ins + t.slice(p + 1);
    case 'duplicate-member': {
      const m = /[{,]("(?:[^"\\]|\\.)*":(?:-?[0-9]+|"(?:[^"\\]|\\.)*"|true|false|null|\[\]|\{\}))/.exec(
        t.slice(p),
      );
      if (!m) return `${t}`;
      const q = p + m.index + 1;
      return `${t.slice(0, q)}${m[1]},${t.slice(q)}`;
    }
    case 'proto-key':
      return t.replace(/\{"(?:[^"\\]|\\.)*":/, pick % 2 ? '{"__proto__":' : '{"\\u005f_proto__":');
    case 'fraction':
      return t.replace(/([0-9])([,\]}]|$)/, '$1.0$2');
    case 'exponent':
      return t.replace(/([0-9])([,\]}]|$)/, '$1e1$2');
    case 'leading-zero':
      return t.replace(/(^|[,[:])(-?)([1-9])/, '$1$20$3');
    case 'minus-zero':
      return t.replace(/(^|[,[:])0([,\]}]|$)/, '$1-0$2');
    case 'lone-surrogate':
      return t.replace(/"/, pick % 2 ? '"\\udc00' : '"\\ud83d');
    case 'deepen':
      return `${'['.repeat(MAX_DEPTH - 1 + (pick % 3))}${t}${']'.repeat(MAX_DEPTH - 1 + (pick % 3))}`;
    case 'truncate':
      return t.slice(0, p);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------

/** Both results agree: same success and value (deep, exact types), or same failure code. */
function expectSame(fast: Result<JsonValue>, ref: Result<JsonValue>, input: string): void {
  if (ref.ok) {
    expect(fast, input).toMatchObject({ ok: true });
    if (fast.ok) expect(fast.value).toEqual(ref.value);
  } else {
    expect(fast, input).toMatchObject({ ok: false, code: ref.code });
  }
}

describe('encoder equals the reference', () => {
  it('on random values (big integers, unicode, escapes, array-index keys, any key order)', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        expect(canonicalJson(v)).toBe(referenceEncode(v));
      }),
      { numRuns: 600 },
    );
  });

  it('on values as parsed back (keys already in order: the JSON.stringify path)', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const text = referenceEncode(v);
        const back = parseJson(text);
        expect(back.ok).toBe(true);
        if (back.ok) expect(canonicalJson(back.value)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses exactly what the reference refuses (one bad leaf planted anywhere)', () => {
    const badLeaf = fc.constantFrom<unknown>(
      1.5,
      -0.5,
      Number.NaN,
      2 ** 53,
      undefined,
      '\ud800',
      'x\udfff',
      () => 1,
      new Date(0),
      10n ** BigInt(MAX_INTEGER_DIGITS),
    );
    fc.assert(
      fc.property(jsonValue, badLeaf, fc.nat(), fc.boolean(), (v, bad, at, asKey) => {
        // Plant the bad leaf (or a key holding it) at the at-th container, or at the root.
        const containers: (JsonValue[] | Record<string, JsonValue>)[] = [];
        const walk = (x: JsonValue): void => {
          if (Array.isArray(x)) {
            containers.push(x);
            x.forEach(walk);
          } else if (x !== null && typeof x === 'object') {
            containers.push(x);
            Object.values(x).forEach(walk);
          }
        };
        walk(v);
        let root: unknown = v;
        if (containers.length === 0) root = bad;
        else {
          const c = containers[at % containers.length]!;
          if (Array.isArray(c)) c.push(bad as JsonValue);
          else if (asKey) c[typeof bad === 'string' ? bad : '\udc00'] = 1;
          else c.zz = bad as JsonValue;
        }
        expect(() => referenceEncode(root)).toThrow(CryptoUsageError);
        expect(() => canonicalJson(root as JsonValue)).toThrow(CryptoUsageError);
      }),
      { numRuns: 300 },
    );
  });

  it('objects with array-index keys in any insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.nat(200).map(String), key), integer), { maxLength: 8 }),
        (kv) => {
          const o: Record<string, JsonValue> = {};
          for (const [k, x] of kv) o[k] = x;
          expect(canonicalJson(o)).toBe(referenceEncode(o));
          expect(canonicalJson([o, { nested: o }])).toBe(referenceEncode([o, { nested: o }]));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parsers equal the reference', () => {
  it('canonical text: both accept, same value', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const t = referenceEncode(v);
        expectSame(parseCanonicalJson(t), referenceParse(t, true), t);
        expectSame(parseJson(t), referenceParse(t, false), t);
      }),
      { numRuns: 400 },
    );
  });

  it('loose text (whitespace, key order, needless escapes): same value, same canonical verdict', () => {
    fc.assert(
      fc.property(jsonValue, fc.integer(), (v, seed) => {
        let s = seed >>> 0;
        const rnd = () => {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          return s / 2 ** 32;
        };
        const t = loose(v, rnd);
        expectSame(parseJson(t), referenceParse(t, false), t);
        expectSame(parseCanonicalJson(t), referenceParse(t, true), t);
      }),
      { numRuns: 400 },
    );
  });

  it('mutated text: accepted and rejected alike, with the same code', () => {
    fc.assert(
      fc.property(
        jsonValue,
        fc.boolean(),
        fc.array(fc.tuple(fc.constantFrom(...EDITS), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        fc.integer(),
        (v, asLoose, edits, seed) => {
          let s = seed >>> 0;
          const rnd = () => {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            return s / 2 ** 32;
          };
          let t = asLoose ? loose(v, rnd) : referenceEncode(v);
          for (const [edit, at, pick] of edits) t = mutate(t, edit, at, pick);
          expectSame(parseJson(t), referenceParse(t, false), t);
          expectSame(parseCanonicalJson(t), referenceParse(t, true), t);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('short random texts over the JSON alphabet', () => {
    const unit = fc.constantFrom(
      ...'{}[]",:0123456789-.eE \\u_adfnrt'.split(''),
      '\n',
      '\u0001',
      '\ud800',
      '\u{1F600}',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (t) => {
        expectSame(parseJson(t), referenceParse(t, false), t);
        expectSame(parseCanonicalJson(t), referenceParse(t, true), t);
      }),
      { numRuns: 3000 },
    );
  });

  it('nesting around the depth limit, mixing arrays and objects', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: MAX_DEPTH - 2, maxLength: MAX_DEPTH + 2 }), (kinds) => {
        const open = kinds.map((o) => (o ? '{"k":' : '[')).join('');
        const close = kinds
          .map((o) => (o ? '}' : ']'))
          .reverse()
          .join('');
        const t = `${open}1${close}`;
        expectSame(parseCanonicalJson(t), referenceParse(t, true), t);
      }),
      { numRuns: 100 },
    );
  });
});
