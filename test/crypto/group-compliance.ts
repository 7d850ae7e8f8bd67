/**
 * One compliance suite for every {@link Group} backend, and a cross-check of a fast backend against a
 * reference. Generic in the element type: nothing here assumes an element size or JSON shape beyond
 * what the group itself reports.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, toHex } from '../../src/crypto/bytes.js';
import { sha512 } from '../../src/crypto/encoding/hash.js';
import { type Group, productOf } from '../../src/crypto/group/group.js';
import type { ErrorCode, Result } from '../../src/crypto/result.js';
import type { Rng } from '../../src/crypto/rng.js';

/** Options of {@link describeGroupCompliance}. */
export interface ComplianceOptions {
  /** fast-check runs per property (default 20); lower it for slow pure-BigInt groups. */
  readonly numRuns?: number;
  /** Encodings of the right length that must be rejected (non-canonical, non-members), with a label. */
  readonly invalidEncodings?: readonly (readonly [string, Uint8Array])[];
}

/** A deterministic {@link Rng}: SHA-512 in counter mode over a seed. */
export function seededRng(seed: Uint8Array): Rng {
  let counter = 0;
  return (n: number) => {
    const blocks: Uint8Array[] = [];
    for (let have = 0; have < n; have += 64) {
      blocks.push(sha512(concatBytes(seed, new Uint8Array([counter >>> 8, counter & 255]))));
      counter++;
    }
    return concatBytes(...blocks).subarray(0, n);
  };
}

function expectFailure<T>(r: Result<T>, codes: readonly ErrorCode[]): void {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(codes).toContain(r.code);
}

const SHAPE_CODES: readonly ErrorCode[] = ['ELEMENT_INVALID', 'ENCODING_INVALID', 'ENCODING_NONCANONICAL'];
const SCALAR_SHAPE_CODES: readonly ErrorCode[] = [
  'SCALAR_INVALID',
  'ENCODING_INVALID',
  'ENCODING_NONCANONICAL',
];

/** JSON values no element or scalar encoding can take. */
const MALFORMED_JSON: readonly unknown[] = [
  null,
  undefined,
  true,
  1.5,
  -1,
  Number.NaN,
  '',
  'zz',
  [],
  {},
  [1],
];

/** Variants of a JSON value that a strict decoder must refuse although they "mean" the same thing. */
function lookalikes(json: unknown): unknown[] {
  if (typeof json === 'string') {
    return [json.toUpperCase(), `0x${json}`, `${json}00`, json.slice(2), ` ${json}`, `${json}\n`].filter(
      (v) => v !== json,
    );
  }
  if (typeof json === 'bigint' || typeof json === 'number') {
    return [String(json), -BigInt(json), Number(json) + 0.5];
  }
  return [];
}

/**
 * Registers the compliance suite for a group backend: group laws, exponent homomorphism, multiExp,
 * strict encodings (bytes and JSON), scalar JSON and scalar sampling/hashing.
 */
export function describeGroupCompliance<E>(
  label: string,
  load: () => Promise<Group<E>>,
  options: ComplianceOptions = {},
): void {
  const numRuns = options.numRuns ?? 20;
  describe(`${label}: group compliance`, () => {
    let G: Group<E>;
    let scalar: fc.Arbitrary<bigint>;
    let element: fc.Arbitrary<E>;
    beforeAll(async () => {
      G = await load();
      scalar = fc.oneof(
        { weight: 8, arbitrary: fc.bigInt({ min: 0n, max: G.q - 1n }) },
        { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 2n, G.q - 1n, G.q - 2n) },
      );
      element = fc.oneof(
        { weight: 8, arbitrary: fc.bigInt({ min: 1n, max: G.q - 1n }).map((k) => G.expG(k)) },
        { weight: 1, arbitrary: fc.constantFrom(G.g, G.identity) },
      );
    });
    const eqE = (a: E, b: E) => {
      expect(G.eq(a, b)).toBe(true);
      expect(toHex(G.encode(a))).toBe(toHex(G.encode(b)));
    };

    it('has consistent constants', () => {
      expect(G.q > 1n).toBe(true);
      expect(G.eq(G.g, G.identity)).toBe(false);
      expect(G.encode(G.g).length).toBe(G.elementBytes);
      expect(G.encode(G.identity).length).toBe(G.elementBytes);
      expect(G.backend.length).toBeGreaterThan(0);
      // g^(q−1)·g = g^q = identity: g has order q.
      eqE(G.op(G.exp(G.g, G.q - 1n), G.g), G.identity);
    });

    it('satisfies the group laws', () => {
      fc.assert(
        fc.property(element, element, element, (a, b, c) => {
          eqE(G.op(G.op(a, b), c), G.op(a, G.op(b, c))); // associativity
          eqE(G.op(a, b), G.op(b, a)); // commutativity (cyclic groups are abelian)
          eqE(G.op(a, G.identity), a); // neutral element
          eqE(G.op(a, G.inv(a)), G.identity); // inverse
          eqE(G.div(a, b), G.op(a, G.inv(b))); // division
          eqE(G.inv(G.inv(a)), a);
        }),
        { numRuns },
      );
    });

    it('exponentiates homomorphically: g^(a+b) = g^a·g^b, (g^a)^b = g^(ab)', () => {
      fc.assert(
        fc.property(scalar, scalar, (a, b) => {
          eqE(G.expG((a + b) % G.q), G.op(G.expG(a), G.expG(b)));
          eqE(G.exp(G.expG(a), b), G.expG((a * b) % G.q));
          eqE(G.expG(a), G.exp(G.g, a));
          eqE(G.inv(G.expG(a)), G.expG((G.q - a) % G.q));
        }),
        { numRuns },
      );
    });

    it('gives the identity for exponent 0, for the identity base and for a^q', () => {
      fc.assert(
        fc.property(element, scalar, (a, k) => {
          eqE(G.exp(a, 0n), G.identity);
          eqE(G.exp(G.identity, k), G.identity);
          eqE(G.op(G.exp(a, G.q - 1n), a), G.identity); // a^q = 1
          eqE(G.exp(a, 1n), a);
        }),
        { numRuns },
      );
      eqE(G.expG(0n), G.identity);
    });

    it('computes multiExp as the product of the exponentiations', () => {
      eqE(G.multiExp([], []), G.identity);
      const [two, three, five, seven] = [2n, 3n, 5n, 7n].map((k) => k % G.q) as [
        bigint,
        bigint,
        bigint,
        bigint,
      ];
      eqE(G.multiExp([G.g, G.expG(five)], [0n, 0n]), G.identity);
      eqE(G.multiExp([G.g, G.g], [1n, G.q - 1n]), G.identity); // partial products reaching the identity
      eqE(G.multiExp([G.g, G.g, G.g], [1n, G.q - 1n, three]), G.expG(three));
      eqE(G.multiExp([G.identity, G.g], [seven, two]), G.expG(two));
      fc.assert(
        fc.property(fc.array(fc.tuple(element, scalar), { minLength: 1, maxLength: 5 }), (terms) => {
          const bases = terms.map(([a]) => a);
          const exps = terms.map(([, k]) => k);
          const expected = terms.reduce((acc, [a, k]) => G.op(acc, G.exp(a, k)), G.identity);
          eqE(G.multiExp(bases, exps), expected);
        }),
        { numRuns },
      );
    });

    it('computes productOf as repeated op, the identity for none', () => {
      eqE(productOf(G, []), G.identity);
      eqE(productOf(G, [G.g, G.inv(G.g)]), G.identity);
      fc.assert(
        fc.property(fc.array(element, { minLength: 0, maxLength: 12 }), (xs) => {
          eqE(
            productOf(G, xs),
            xs.reduce((acc, x) => G.op(acc, x), G.identity),
          );
        }),
        { numRuns },
      );
    });

    it('round-trips encode/decode and toJson/fromJson', () => {
      fc.assert(
        fc.property(element, (a) => {
          const bytes = G.encode(a);
          expect(bytes.length).toBe(G.elementBytes);
          const back = G.decode(bytes);
          expect(back.ok).toBe(true);
          if (back.ok) eqE(back.value, a);
          const json = G.toJson(a);
          const fromJson = G.fromJson(json);
          expect(fromJson.ok).toBe(true);
          if (fromJson.ok) eqE(fromJson.value, a);
        }),
        { numRuns },
      );
    });

    it('decodes random bytes either canonically or not at all (never throws)', () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: G.elementBytes, maxLength: G.elementBytes }), (bytes) => {
          const r = G.decode(bytes);
          if (r.ok) expect(toHex(G.encode(r.value))).toBe(toHex(bytes));
          else expect(r.code).toBe('ELEMENT_INVALID');
        }),
        { numRuns: numRuns * 5 },
      );
    });

    it('rejects wrong lengths, garbage and listed invalid encodings with ELEMENT_INVALID', () => {
      const n = G.elementBytes;
      const good = G.encode(G.g);
      const bad: [string, Uint8Array][] = [
        ['empty', new Uint8Array(0)],
        ['one byte short', good.subarray(0, n - 1)],
        ['one byte long', concatBytes(good, new Uint8Array(1))],
        ['twice as long', concatBytes(good, good)],
        ['all 0xff', new Uint8Array(n).fill(0xff)],
        ...(options.invalidEncodings ?? []).map(([l, b]): [string, Uint8Array] => [l, b]),
      ];
      for (const [what, bytes] of bad) {
        const r = G.decode(bytes);
        expect(r.ok, what).toBe(false);
        if (!r.ok) expect(r.code, what).toBe('ELEMENT_INVALID');
        expectFailure(G.fromJson(toHex(bytes)), SHAPE_CODES);
      }
    });

    it('rejects malformed and look-alike JSON elements', () => {
      for (const v of MALFORMED_JSON) expectFailure(G.fromJson(v), SHAPE_CODES);
      for (const a of [G.g, G.expG(12345n % G.q)]) {
        for (const v of lookalikes(G.toJson(a))) expectFailure(G.fromJson(v), SHAPE_CODES);
      }
    });

    it('round-trips scalars through JSON and rejects values ≥ q and malformed input', () => {
      fc.assert(
        fc.property(scalar, (k) => {
          const r = G.scalarFromJson(G.scalarToJson(k));
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value).toBe(k);
        }),
        { numRuns },
      );
      for (const k of [G.q, G.q + 1n, 2n * G.q - 1n]) {
        let json: unknown;
        try {
          json = G.scalarToJson(k); // may refuse out-of-range input by throwing
        } catch {
          continue;
        }
        const r = G.scalarFromJson(json);
        expect(r.ok, `scalar ${k}`).toBe(false);
        if (!r.ok) expect(r.code).toBe('SCALAR_INVALID');
      }
      for (const v of MALFORMED_JSON) expectFailure(G.scalarFromJson(v), SCALAR_SHAPE_CODES);
      for (const v of lookalikes(G.scalarToJson(0xabcdefn % G.q)))
        expectFailure(G.scalarFromJson(v), SCALAR_SHAPE_CODES);
    });

    it('samples random scalars in [1, q), resampling zero', () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (seed) => {
          const k = G.randomScalar(seededRng(seed));
          expect(k >= 1n && k < G.q).toBe(true);
          expect(G.randomScalar(seededRng(seed))).toBe(k); // a function of the rng output only
        }),
        { numRuns },
      );
      let calls = 0;
      const zeroFirst: Rng = (n) => (calls++ === 0 ? new Uint8Array(n) : new Uint8Array(n).fill(7));
      const k = G.randomScalar(zeroFirst);
      expect(calls).toBe(2);
      expect(k >= 1n && k < G.q).toBe(true);
    });

    it('hashes to scalars in [0, q), deterministically', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), (x, y) => {
          const h = G.hashToScalar(x);
          expect(h >= 0n && h < G.q).toBe(true);
          expect(G.hashToScalar(Uint8Array.from(x))).toBe(h);
          // Distinct inputs collide with probability 1/q: only checked where that is negligible.
          if (G.q > 2n ** 64n && !bytesEqual(x, y)) expect(G.hashToScalar(y)).not.toBe(h);
        }),
        { numRuns },
      );
    });
  });
}

/**
 * Registers a cross-check of a fast backend against a reference backend of the same group: on random
 * scalars and points both must produce identical encodings for every operation, accept exactly the same
 * encodings, and agree on JSON forms and scalar derivation.
 */
export function crossCheckGroups<A, B>(
  label: string,
  loadFast: () => Promise<Group<A>>,
  loadReference: () => Promise<Group<B>>,
  options: { readonly numRuns?: number } = {},
): void {
  const numRuns = options.numRuns ?? 20;
  describe(`${label}: cross-check`, () => {
    let F: Group<A>;
    let R: Group<B>;
    beforeAll(async () => {
      [F, R] = await Promise.all([loadFast(), loadReference()]);
    });
    const scalar = () => fc.bigInt({ min: 0n, max: R.q - 1n });
    /** The same element in both backends, transferred by its encoding. */
    const pair = (k: bigint): [A, B] => {
      const b = R.expG(k);
      const a = F.decode(R.encode(b));
      if (!a.ok) throw new Error(`fast backend rejects a reference element: ${a.message}`);
      return [a.value, b];
    };
    const same = (a: A, b: B) => expect(toHex(F.encode(a))).toBe(toHex(R.encode(b)));

    it('describes the same group', () => {
      expect(F.name).toBe(R.name);
      expect(F.q).toBe(R.q);
      expect(F.elementBytes).toBe(R.elementBytes);
      same(F.g, R.g);
      same(F.identity, R.identity);
    });

    it('agrees on exp, expG, op, inv, div and multiExp', () => {
      fc.assert(
        fc.property(scalar(), scalar(), scalar(), scalar(), (x, y, u, v) => {
          same(F.expG(x), R.expG(x));
          const [pf, pr] = pair(x);
          const [qf, qr] = pair(y);
          same(F.exp(pf, u), R.exp(pr, u));
          same(F.op(pf, qf), R.op(pr, qr));
          same(F.inv(pf), R.inv(pr));
          same(F.div(pf, qf), R.div(pr, qr));
          same(F.multiExp([pf, qf, F.g], [u, v, x]), R.multiExp([pr, qr, R.g], [u, v, x]));
          expect(F.toJson(pf)).toEqual(R.toJson(pr));
          expect(F.scalarToJson(u)).toEqual(R.scalarToJson(u));
        }),
        { numRuns },
      );
    });

    it('accepts exactly the same encodings', () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: R.elementBytes, maxLength: R.elementBytes }), (bytes) => {
          const f = F.decode(bytes);
          const r = R.decode(bytes);
          expect(f.ok).toBe(r.ok);
          if (f.ok && r.ok) same(f.value, r.value);
        }),
        { numRuns: numRuns * 10 },
      );
    });

    it('derives the same scalars from hashes and from an rng', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
          expect(F.hashToScalar(data)).toBe(R.hashToScalar(data));
          expect(F.randomScalar(seededRng(data))).toBe(R.randomScalar(seededRng(data)));
        }),
        { numRuns },
      );
    });
  });
}
