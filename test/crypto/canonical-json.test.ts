import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse as losslessParse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../src/crypto/bytes.js';
import {
  asBigInt,
  canonicalBytes,
  canonicalJson,
  compareCodePoints,
  isJsonObject,
  type JsonValue,
  MAX_DEPTH,
  MAX_INTEGER_DIGITS,
  parseCanonicalJson,
  parseJson,
} from '../../src/crypto/encoding/canonical-json.js';
import { hashJson, hashJsonHex, sha256, sha256Hex, sha512 } from '../../src/crypto/encoding/hash.js';
import { CryptoUsageError, unwrap } from '../../src/crypto/result.js';

const GOLDEN = fileURLToPath(new URL('../golden/json/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${GOLDEN}manifest.json`, 'utf8')) as {
  name: string;
  sha256: string;
  bytes: number;
}[];

/** Code-point order computed the slow, obvious way. */
function referenceCompare(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

const sign = (n: number) => Math.sign(n);

describe('golden files (Python json.dumps / canonicaljson)', () => {
  it('has all the cases', () => {
    expect(manifest.map((c) => c.name)).toEqual([
      'scalars',
      'empty-containers',
      'integers',
      'escapes',
      'unicode-strings',
      'unicode-keys',
      'nested',
      'deep-64',
      'array-of-mixed',
    ]);
  });

  for (const c of manifest) {
    it(`${c.name}: loose input → exact canonical bytes and SHA-256`, () => {
      const input = readFileSync(`${GOLDEN}${c.name}.input.json`, 'utf8');
      const golden = new Uint8Array(readFileSync(`${GOLDEN}${c.name}.canonical.json`));
      expect(golden.length).toBe(c.bytes);
      const value = unwrap(parseJson(input));
      expect(toHex(canonicalBytes(value))).toBe(toHex(golden));
      expect(hashJsonHex(value)).toBe(c.sha256);
      expect(sha256Hex(golden)).toBe(c.sha256);
      // The golden text parses back as canonical, to the same value; the loose input is not canonical.
      const text = new TextDecoder('utf-8', { fatal: true }).decode(golden);
      expect(unwrap(parseCanonicalJson(text))).toEqual(value);
      expect(parseCanonicalJson(input)).toMatchObject({ ok: false, code: 'ENCODING_NONCANONICAL' });
    });
  }

  it('big integers survive exactly', () => {
    const v = unwrap(parseJson(readFileSync(`${GOLDEN}integers.input.json`, 'utf8'))) as Record<
      string,
      JsonValue
    >;
    expect(v.two_64).toBe(2n ** 64n);
    expect(v.minus_two_64).toBe(-(2n ** 64n));
    expect(v.two_2048_minus_1).toBe(2n ** 2048n - 1n);
    expect(v.minus_two_2048_plus_12345).toBe(-(2n ** 2048n) + 12345n);
    expect(v.max_safe).toBe(Number.MAX_SAFE_INTEGER);
    expect(v.two_53).toBe(2n ** 53n);
    expect(v.digits_4300).toBe(10n ** 4299n);
  });
});

describe('key order is by code point', () => {
  it('astral keys sort after U+E000–U+FFFF (unlike UTF-16 order)', () => {
    const v = { '\u{1F600}': 1, '\uffff': 2, '\ue000': 3, '\u{10000}': 4, z: 5, é: 6 };
    expect(canonicalJson(v)).toBe('{"z":5,"é":6,"\ue000":3,"\uffff":2,"\u{10000}":4,"\u{1F600}":1}');
    // The naive UTF-16 sort disagrees, which is why it is not used.
    expect(Object.keys(v).sort()[0]).toBe('z');
    expect(Object.keys(v).sort().indexOf('\u{10000}')).toBeLessThan(Object.keys(v).sort().indexOf('\ue000'));
  });

  it('property: compareCodePoints agrees with a code-point reference on any well-formed strings', () => {
    const str = fc.string({ unit: 'binary', maxLength: 6 });
    fc.assert(
      fc.property(str, str, (a, b) => {
        expect(sign(compareCodePoints(a, b))).toBe(sign(referenceCompare(a, b)));
      }),
      { numRuns: 2000 },
    );
  });
});

/** Arbitrary JSON values of the shape the parser returns (safe integers as numbers, others as bigints). */
const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc
      .oneof(
        fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
        fc.bigInt({ min: -(2n ** 3000n), max: 2n ** 3000n }),
      )
      .map((b) => (b >= -(2n ** 53n) + 1n && b <= 2n ** 53n - 1n ? Number(b) : b)),
    fc.integer(),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc
      .dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('v'), { maxKeys: 4 })
      .filter((o) => !Object.hasOwn(o, '__proto__')),
  ),
})).v;

describe('properties', () => {
  it('parse(canonical(v)) deep-equals v with exact integers, and is canonical again', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const text = canonicalJson(v);
        const back = unwrap(parseCanonicalJson(text));
        expect(back).toEqual(v);
        expect(canonicalJson(back)).toBe(text);
        expect(hashJsonHex(back)).toBe(sha256Hex(utf8(text)));
      }),
      { numRuns: 400 },
    );
  });

  it('the JSON.stringify-compatible string escaping matches per character', () => {
    for (let c = 0; c < 0x100; c++) {
      const s = String.fromCharCode(c);
      const expected =
        c < 0x20
          ? (({ 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' } as Record<number, string>)[c] ??
            `\\u${c.toString(16).padStart(4, '0')}`)
          : c === 0x22
            ? '\\"'
            : c === 0x5c
              ? '\\\\'
              : s;
      expect(canonicalJson(s)).toBe(`"${expected}"`);
    }
    expect(canonicalJson('\u2028\u2029\u{1F5F3}')).toBe('"\u2028\u2029\u{1F5F3}"');
  });

  it('any whitespace or reordering of a canonical object is rejected as non-canonical', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 2, maxKeys: 5 }),
        fc.constantFrom(' ', '\n', '\t', '\r'),
        (o, ws) => {
          fc.pre(!Object.hasOwn(o, '__proto__'));
          const text = canonicalJson(o);
          expect(parseCanonicalJson(`${ws}${text}`)).toMatchObject({ code: 'ENCODING_NONCANONICAL' });
          expect(parseCanonicalJson(`{${ws}${text.slice(1)}`)).toMatchObject({
            code: 'ENCODING_NONCANONICAL',
          });
          const reversed = `{${Object.keys(o)
            .sort(compareCodePoints)
            .reverse()
            .map((k) => `${JSON.stringify(k)}:${o[k]}`)
            .join(',')}}`;
          expect(parseCanonicalJson(reversed)).toMatchObject({ code: 'ENCODING_NONCANONICAL' });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('parseCanonicalJson rejects', () => {
  const nested = (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`;
  const cases: [string, string, 'JSON_INVALID' | 'ENCODING_NONCANONICAL'][] = [
    ['leading space', ' {}', 'ENCODING_NONCANONICAL'],
    ['inner space', '{ }', 'ENCODING_NONCANONICAL'],
    ['space after comma', '[1, 2]', 'ENCODING_NONCANONICAL'],
    ['trailing newline', '{"a":1}\n', 'ENCODING_NONCANONICAL'],
    ['unsorted keys', '{"b":1,"a":2}', 'ENCODING_NONCANONICAL'],
    ['UTF-16 order', '{"\u{1F600}":1,"\ue000":2}', 'ENCODING_NONCANONICAL'],
    ['escaped printable', '"\\u0041"', 'ENCODING_NONCANONICAL'],
    ['escaped slash', '"\\/"', 'ENCODING_NONCANONICAL'],
    ['escaped non-ASCII', '"\\u00e9"', 'ENCODING_NONCANONICAL'],
    ['escaped U+2028', '"\\u2028"', 'ENCODING_NONCANONICAL'],
    ['escaped astral pair', '"\\ud83d\\ude00"', 'ENCODING_NONCANONICAL'],
    ['uppercase hex escape', '"\\u001F"', 'ENCODING_NONCANONICAL'],
    ['long escape of newline', '"\\u000a"', 'ENCODING_NONCANONICAL'],
    ['duplicate keys, equal values', '{"a":1,"a":1}', 'JSON_INVALID'],
    ['duplicate keys, other values', '{"a":1,"a":2}', 'JSON_INVALID'],
    ['duplicate keys, spelled differently', '{"a":1,"\\u0061":1}', 'JSON_INVALID'],
    ['nested duplicate keys', '{"x":[{"k":[],"k":[]}]}', 'JSON_INVALID'],
    ['float', '1.0', 'JSON_INVALID'],
    ['fraction', '[1.5]', 'JSON_INVALID'],
    ['exponent', '1e5', 'JSON_INVALID'],
    ['upper exponent', '{"a":1E5}', 'JSON_INVALID'],
    ['negative exponent', '-1e-5', 'JSON_INVALID'],
    ['minus zero', '-0', 'JSON_INVALID'],
    ['minus zero inside', '[0,-0]', 'JSON_INVALID'],
    ['leading zero', '01', 'JSON_INVALID'],
    ['negative leading zero', '-01', 'JSON_INVALID'],
    ['double zero', '00', 'JSON_INVALID'],
    ['plus sign', '+1', 'JSON_INVALID'],
    ['lone high surrogate escape', '"\\ud800"', 'JSON_INVALID'],
    ['lone low surrogate escape', '"\\udc00"', 'JSON_INVALID'],
    ['reversed pair', '"\\udc00\\ud800"', 'JSON_INVALID'],
    ['lone surrogate key', '{"\\ud800":1}', 'JSON_INVALID'],
    ['raw lone surrogate', '"\ud800"', 'JSON_INVALID'],
    ['__proto__ key', '{"__proto__":{"polluted":1}}', 'JSON_INVALID'],
    ['escaped __proto__ key', '{"\\u005f_proto__":{"polluted":1}}', 'JSON_INVALID'],
    ['nested __proto__ key', '{"a":{"__proto__":[]}}', 'JSON_INVALID'],
    ['raw control character', '"a\tb"', 'JSON_INVALID'],
    ['NaN', 'NaN', 'JSON_INVALID'],
    ['Infinity', '[Infinity]', 'JSON_INVALID'],
    ['trailing comma', '[1,]', 'JSON_INVALID'],
    ['trailing garbage', '{}x', 'JSON_INVALID'],
    ['two values', '1 2', 'JSON_INVALID'],
    ['empty text', '', 'JSON_INVALID'],
    ['single quotes', "'a'", 'JSON_INVALID'],
    ['byte order mark', '\ufeff{}', 'JSON_INVALID'],
    ['too deep', nested(MAX_DEPTH + 1), 'JSON_INVALID'],
    ['very deep', nested(100_000), 'JSON_INVALID'],
    ['too many digits', '9'.repeat(MAX_INTEGER_DIGITS + 1), 'JSON_INVALID'],
    ['too many digits, negative', `-${'9'.repeat(MAX_INTEGER_DIGITS + 1)}`, 'JSON_INVALID'],
  ];
  for (const [name, text, code] of cases) {
    it(`${name} → ${code}`, () => {
      expect(parseCanonicalJson(text)).toMatchObject({ ok: false, code });
    });
  }

  it('accepts the limits themselves and "__proto__" as a string value', () => {
    expect(parseCanonicalJson(nested(MAX_DEPTH)).ok).toBe(true);
    expect(unwrap(parseCanonicalJson('9'.repeat(MAX_INTEGER_DIGITS)))).toBe(
      BigInt('9'.repeat(MAX_INTEGER_DIGITS)),
    );
    expect(unwrap(parseCanonicalJson(`-${'9'.repeat(MAX_INTEGER_DIGITS)}`))).toBe(
      -BigInt('9'.repeat(MAX_INTEGER_DIGITS)),
    );
    expect(unwrap(parseCanonicalJson('{"a":"__proto__"}'))).toEqual({ a: '__proto__' });
    expect(unwrap(parseCanonicalJson('["__proto__"]'))).toEqual(['__proto__']);
    expect(unwrap(parseCanonicalJson('{"constructor":{"prototype":1}}'))).toEqual({
      constructor: { prototype: 1 },
    });
  });

  it('never throws, whatever the input', () => {
    for (const bad of [undefined, null, 42, {}, [], Symbol('x')]) {
      expect(parseJson(bad as unknown as string)).toMatchObject({ ok: false, code: 'JSON_INVALID' });
      expect(parseCanonicalJson(bad as unknown as string)).toMatchObject({ ok: false, code: 'JSON_INVALID' });
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const r = parseCanonicalJson(s);
        if (r.ok) expect(canonicalJson(r.value)).toBe(s);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789-\\u_a e.'.split('')), maxLength: 30 }),
        (s) => {
          const r = parseCanonicalJson(s);
          if (r.ok) expect(canonicalJson(r.value)).toBe(s);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('parseJson is lenient on whitespace and order, strict on everything else', () => {
    expect(unwrap(parseJson(' { "b" : 1 ,\n "a" : [ 2 ] } '))).toEqual({ a: [2], b: 1 });
    expect(parseJson('{"a":1,"a":1}')).toMatchObject({ code: 'JSON_INVALID' });
  });
});

describe('prototype pollution', () => {
  it('lossless-json stores "__proto__" as an own key and never touches Object.prototype', () => {
    const v = losslessParse('{"__proto__":{"polluted":1},"a":{"\\u005f_proto__":{"polluted":2}}}') as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((v as { polluted?: unknown }).polluted).toBeUndefined();
    // Such an own key is still dangerous downstream (Object.assign triggers the setter), hence pnyx rejects it.
    const target = Object.assign({}, v);
    expect((target as { polluted?: unknown }).polluted).toMatchObject({ value: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parseJson rejects "__proto__" keys, and every parsed object is a plain object', () => {
    expect(parseJson('{"__proto__":{"polluted":1}}')).toMatchObject({ code: 'JSON_INVALID' });
    expect(parseJson('[{"\\u005f\\u005fproto\\u005f\\u005f":1}]')).toMatchObject({ code: 'JSON_INVALID' });
    const v = unwrap(parseJson('{"constructor":{"prototype":{"polluted":1}},"x":[{"toString":1}]}'));
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (isJsonObject(x)) {
        expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
        Object.values(x).forEach(walk);
      }
    };
    walk(v);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('encoder refuses values without a canonical form', () => {
  const withHole: JsonValue[] = [1];
  withHole[2] = 3;
  const protoKey = JSON.parse('{"__proto__":1}') as JsonValue;
  const bad: [string, unknown][] = [
    ['float', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['unsafe number', 2 ** 53],
    ['undefined', undefined],
    ['undefined member', { a: undefined }],
    ['function', () => 1],
    ['symbol', Symbol('s')],
    ['Date', new Date(0)],
    ['Map', new Map()],
    ['array hole', withHole],
    ['__proto__ key', protoKey],
    ['lone surrogate', '\ud800'],
    ['lone surrogate key', { '\udc00': 1 }],
    ['too many digits', 10n ** BigInt(MAX_INTEGER_DIGITS)],
  ];
  for (const [name, v] of bad) {
    it(name, () => {
      expect(() => canonicalJson(v as JsonValue)).toThrow(CryptoUsageError);
    });
  }

  it('encodes the edge values it accepts', () => {
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(-(10n ** BigInt(MAX_INTEGER_DIGITS - 1)))).toBe(
      `-1${'0'.repeat(MAX_INTEGER_DIGITS - 1)}`,
    );
    expect(canonicalJson(Object.create(null) as JsonValue)).toBe('{}');
    expect(canonicalJson([2n ** 64n, -(2n ** 64n), 9007199254740991])).toBe(
      '[18446744073709551616,-18446744073709551616,9007199254740991]',
    );
  });

  it('asBigInt reads both integer representations', () => {
    expect(asBigInt(5)).toBe(5n);
    expect(asBigInt(2n ** 64n)).toBe(2n ** 64n);
    expect(asBigInt(1.5)).toBeUndefined();
    expect(asBigInt('5')).toBeUndefined();
  });
});

describe('hash helpers', () => {
  it('SHA-256 / SHA-512 known answers (FIPS 180-2 examples)', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(toHex(sha256('abc'))).toBe(sha256Hex(utf8('abc')));
    expect(toHex(sha512(utf8('abc')))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });

  it('hashJson is SHA-256 of the canonical UTF-8 bytes (values checked with Python hashlib)', () => {
    expect(hashJsonHex({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(hashJsonHex({ é: [1, -2, 2n ** 64n] })).toBe(
      '27ff0351c0bce8eac00f7d1d1394621d3e1949e1e1176d5a9ad4666e4bc03b34',
    );
    expect(toHex(hashJson({ b: 1, a: 2 }))).toBe(hashJsonHex({ a: 2, b: 1 }));
  });
});
