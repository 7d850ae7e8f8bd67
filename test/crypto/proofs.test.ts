import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Ciphertext, encrypt } from '../../src/crypto/elgamal.js';
import type { Group } from '../../src/crypto/group/group.js';
import { pureModp } from '../../src/crypto/group/modp/index.js';
import { nobleRistretto } from '../../src/crypto/group/ristretto/noble.js';
import {
  type ChaumPedersenProof,
  chaumPedersenProofFromJson,
  chaumPedersenProofToJson,
  type EqualLogsStatement,
  proveEqualLogs,
  verifyEqualLogs,
} from '../../src/crypto/proofs/chaum-pedersen.js';
import type { ProofContext } from '../../src/crypto/proofs/fiat-shamir.js';
import {
  proveRange,
  type RangeProof,
  rangeProofFromJson,
  rangeProofToJson,
  verifyRange,
} from '../../src/crypto/proofs/range.js';
import {
  proveSchnorr,
  type SchnorrProof,
  schnorrProofFromJson,
  schnorrProofToJson,
  verifySchnorr,
} from '../../src/crypto/proofs/schnorr.js';
import {
  proveZeroOne,
  verifyZeroOne,
  type ZeroOneProof,
  zeroOneProofFromJson,
  zeroOneProofToJson,
} from '../../src/crypto/proofs/zero-one.js';
import type { Check, Result } from '../../src/crypto/result.js';
import { unwrap } from '../../src/crypto/result.js';
import { CTX, mutatedContexts, seededRng } from './proofs-fixtures.js';

const seed = fc.string({ minLength: 1, maxLength: 8 });

function expectFail(r: Check, code = 'PROOF_INVALID'): void {
  expect(r).toMatchObject({ ok: false, code });
}

/** Every scalar field of a flat proof object, bumped by one (mod q). */
function bumpedFields<P extends object>(G: Group<unknown>, p: P): P[] {
  const out: P[] = [];
  for (const [k, v] of Object.entries(p)) {
    if (typeof v === 'bigint') out.push({ ...p, [k]: (v + 1n) % G.q });
  }
  return out;
}

/** Decoders reject garbage, missing/extra keys and out-of-range scalars. */
function checkDecoder<P>(
  G: Group<unknown>,
  json: Record<string, unknown>,
  decode: (v: unknown) => Result<P>,
): void {
  for (const v of [null, 1, 'x', [], {}])
    expect(decode(v)).toMatchObject({ ok: false, code: 'ENCODING_INVALID' });
  for (const k of Object.keys(json)) {
    const missing = { ...json };
    delete missing[k];
    expect(decode(missing)).toMatchObject({ ok: false, code: 'ENCODING_INVALID' });
    expect(decode({ ...json, [k]: G.scalarToJson(G.q - 1n), extra: 0 })).toMatchObject({ ok: false });
    expect(decode({ ...json, [k]: 'not a scalar' })).toMatchObject({ ok: false });
  }
}

function suite<E>(G: Group<E>): void {
  const Gu = G as Group<unknown>;
  const other = (x: E): E => G.op(x, G.g);

  describe(`proofs over ${G.name} (${G.backend})`, () => {
    test('Schnorr: honest passes; every mutation fails; JSON is strict', () => {
      fc.assert(
        fc.property(seed, (s) => {
          const rng = seededRng(s);
          const x = G.randomScalar(rng);
          const X = G.expG(x);
          const p: SchnorrProof = proveSchnorr(G, CTX, x, rng);
          expect(verifySchnorr(G, CTX, X, p)).toEqual({ ok: true, value: true });
          for (const bad of bumpedFields(Gu, p)) expectFail(verifySchnorr(G, CTX, X, bad));
          expectFail(verifySchnorr(G, CTX, other(X), p));
          for (const ctx of mutatedContexts(CTX)) expectFail(verifySchnorr(G, ctx, X, p));
          expectFail(verifySchnorr(G, CTX, X, { c: p.c, f: G.q }), 'SCALAR_INVALID');
          expectFail(verifySchnorr(G, CTX, X, { c: -1n, f: p.f }), 'SCALAR_INVALID');
          const j = schnorrProofToJson(G, p);
          expect(unwrap(schnorrProofFromJson(G, j))).toEqual(p);
          checkDecoder(Gu, j, (v) => schnorrProofFromJson(G, v));
        }),
        { numRuns: 8 },
      );
    });

    test('Chaum–Pedersen: honest passes; every mutation fails; JSON is strict', () => {
      fc.assert(
        fc.property(seed, fc.boolean(), (s, baseIsG) => {
          const rng = seededRng(s);
          const x = G.randomScalar(rng);
          const g1 = baseIsG ? G.g : G.expG(G.randomScalar(rng));
          const g2 = G.expG(G.randomScalar(rng));
          const st: EqualLogsStatement<E> = { g1, h1: G.exp(g1, x), g2, h2: G.exp(g2, x) };
          const p: ChaumPedersenProof = proveEqualLogs(G, CTX, st, x, rng);
          expect(verifyEqualLogs(G, CTX, st, p).ok).toBe(true);
          for (const bad of bumpedFields(Gu, p)) expectFail(verifyEqualLogs(G, CTX, st, bad));
          for (const k of ['g1', 'h1', 'g2', 'h2'] as const)
            expectFail(verifyEqualLogs(G, CTX, { ...st, [k]: other(st[k]) }, p));
          for (const ctx of mutatedContexts(CTX)) expectFail(verifyEqualLogs(G, ctx, st, p));
          // A proof for unequal logs cannot be made by the honest prover.
          const skew = { ...st, h2: G.exp(g2, (x + 1n) % G.q) };
          expectFail(verifyEqualLogs(G, CTX, skew, proveEqualLogs(G, CTX, skew, x, rng)));
          const j = chaumPedersenProofToJson(G, p);
          expect(unwrap(chaumPedersenProofFromJson(G, j))).toEqual(p);
          checkDecoder(Gu, j, (v) => chaumPedersenProofFromJson(G, v));
        }),
        { numRuns: 6 },
      );
    });

    test('0/1: honest passes for both votes; every mutation fails; JSON is strict', () => {
      fc.assert(
        fc.property(seed, fc.constantFrom<0 | 1>(0, 1), (s, m) => {
          const rng = seededRng(s);
          const pk = G.expG(G.randomScalar(rng));
          const r = G.randomScalar(rng);
          const ct = encrypt(G, pk, BigInt(m), r);
          const p: ZeroOneProof = proveZeroOne(G, CTX, pk, ct, m, r, rng);
          expect(verifyZeroOne(G, CTX, pk, ct, p).ok).toBe(true);
          for (const bad of bumpedFields(Gu, p)) expectFail(verifyZeroOne(G, CTX, pk, ct, bad));
          expectFail(verifyZeroOne(G, CTX, other(pk), ct, p));
          expectFail(verifyZeroOne(G, CTX, pk, { a: other(ct.a), b: ct.b }, p));
          expectFail(verifyZeroOne(G, CTX, pk, { a: ct.a, b: other(ct.b) }, p));
          for (const ctx of mutatedContexts(CTX)) expectFail(verifyZeroOne(G, ctx, pk, ct, p));
          expectFail(verifyZeroOne(G, CTX, pk, ct, { ...p, f1: G.q }), 'SCALAR_INVALID');
          const j = zeroOneProofToJson(G, p);
          expect(unwrap(zeroOneProofFromJson(G, j))).toEqual(p);
          checkDecoder(Gu, j, (v) => zeroOneProofFromJson(G, v));
        }),
        { numRuns: 6 },
      );
    });

    test('0/1: an encryption of 2 cannot be proved', () => {
      const rng = seededRng('two');
      const pk = G.expG(G.randomScalar(rng));
      const r = G.randomScalar(rng);
      const ct: Ciphertext<E> = encrypt(G, pk, 2n, r);
      expectFail(verifyZeroOne(G, CTX, pk, ct, proveZeroOne(G, CTX, pk, ct, 1, r, rng)));
      expectFail(verifyZeroOne(G, CTX, pk, ct, proveZeroOne(G, CTX, pk, ct, 0, r, rng)));
    });

    test('range: honest passes for every m in [min, max]; every mutation fails', () => {
      fc.assert(
        fc.property(
          seed,
          fc.integer({ min: 0, max: 3 }),
          fc.integer({ min: 0, max: 3 }),
          fc.nat(),
          (s, min, width, k) => {
            const max = min + width;
            const m = min + (k % (width + 1));
            const rng = seededRng(s);
            const pk = G.expG(G.randomScalar(rng));
            const r = G.randomScalar(rng);
            const ct = encrypt(G, pk, BigInt(m), r);
            const p: RangeProof = proveRange(G, CTX, pk, ct, m, r, min, max, rng);
            expect(verifyRange(G, CTX, pk, ct, min, max, p).ok).toBe(true);
            for (let i = 0; i <= width; i++) {
              const c = [...p.c];
              c[i] = (c[i]! + 1n) % G.q;
              expectFail(verifyRange(G, CTX, pk, ct, min, max, { c, f: p.f }));
              const f = [...p.f];
              f[i] = (f[i]! + 1n) % G.q;
              expectFail(verifyRange(G, CTX, pk, ct, min, max, { c: p.c, f }));
            }
            expectFail(verifyRange(G, CTX, other(pk), ct, min, max, p));
            expectFail(verifyRange(G, CTX, pk, { a: other(ct.a), b: ct.b }, min, max, p));
            expectFail(verifyRange(G, CTX, pk, { a: ct.a, b: other(ct.b) }, min, max, p));
            for (const ctx of mutatedContexts(CTX)) expectFail(verifyRange(G, ctx, pk, ct, min, max, p));
            // Shifted bounds of the same width: same number of branches, different statement.
            expectFail(verifyRange(G, CTX, pk, ct, min + 1, max + 1, p));
            expectFail(verifyRange(G, CTX, pk, ct, min, max + 1, p));
            expectFail(verifyRange(G, CTX, pk, ct, max, min - 1, p), 'PARAMETER_INVALID');
            const j = rangeProofToJson(G, p);
            expect(unwrap(rangeProofFromJson(G, j))).toEqual(p);
            expect(rangeProofFromJson(G, { c: p.c.map((x) => G.scalarToJson(x)), f: [] }).ok).toBe(false);
            expect(rangeProofFromJson(G, { c: [], f: [] }).ok).toBe(false);
            expect(rangeProofFromJson(G, { ...j, x: 1 }).ok).toBe(false);
            expect(
              rangeProofFromJson(G, { c: [...p.c.slice(1).map((x) => G.scalarToJson(x)), -1], f: j.f }).ok,
            ).toBe(false);
            expect(
              rangeProofFromJson(G, {
                c: j.c,
                f: [...p.f.slice(1).map((x) => G.scalarToJson(x)), 'zz'],
              }).ok,
            ).toBe(false);
          },
        ),
        { numRuns: 6 },
      );
    });

    test('range: a value outside [min, max] cannot be proved', () => {
      const rng = seededRng('outside');
      const pk = G.expG(G.randomScalar(rng));
      const r = G.randomScalar(rng);
      const ct = encrypt(G, pk, 3n, r);
      expect(() => proveRange(G, CTX, pk, ct, 3, r, 0, 2, rng)).toThrow();
      expectFail(verifyRange(G, CTX, pk, ct, 0, 2, proveRange(G, CTX, pk, ct, 2, r, 0, 2, rng)));
    });

    test('proofs are bound to their label', () => {
      const rng = seededRng('label');
      const x = G.randomScalar(rng);
      const a: ProofContext = { fingerprint: CTX.fingerprint, label: { q: 0, o: 0 } };
      const b: ProofContext = { fingerprint: CTX.fingerprint, label: { q: 0, o: 1 } };
      const p = proveSchnorr(G, a, x, rng);
      expect(verifySchnorr(G, a, G.expG(x), p).ok).toBe(true);
      expectFail(verifySchnorr(G, b, G.expG(x), p));
    });
  });
}

suite(nobleRistretto());
suite(pureModp('modp-test64'));
