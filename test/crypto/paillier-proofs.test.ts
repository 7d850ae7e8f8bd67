import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import {
  ballotTotal,
  checkDecryption,
  checkSelectionLimit,
  checkZeroOne,
  decryptionProofFromJson,
  decryptionProofToJson,
  type OneOfProof,
  type PaillierDecryptionProof,
  proveDecryption,
  proveSelectionLimit,
  proveZeroOne,
  selectionLimitProofFromJson,
  selectionLimitProofToJson,
  zeroOneProofFromJson,
  zeroOneProofToJson,
} from '../../src/crypto/paillier/index.js';
import type { ProofContext } from '../../src/crypto/proofs/fiat-shamir.js';
import type { Check } from '../../src/crypto/result.js';
import { P_BIGINT, P_OPENSSL, rngFor, testKey } from './paillier-fixtures.js';

const P = P_OPENSSL;
const sk = testKey(1024);
const pk = sk.publicKey;
const other = testKey(512).publicKey;
const ctx: ProofContext = { fingerprint: 'ab'.repeat(32), label: { q: 0, o: 1 } };
const E_MOD = 2n ** 256n;

function rejects(r: Check, code = 'PROOF_INVALID') {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.code).toBe(code);
}

/** Every single-field mutation of a disjunctive proof. */
function mutations(p: OneOfProof): [string, OneOfProof][] {
  const out: [string, OneOfProof][] = [];
  const k = p.e.length;
  for (let i = 0; i < k; i++) {
    const set = (arr: readonly bigint[], v: bigint) => arr.map((x, j) => (j === i ? v : x));
    out.push([`e[${i}] + 1`, { e: set(p.e, (p.e[i]! + 1n) % E_MOD), z: p.z }]);
    out.push([`e[${i}] = 2^256`, { e: set(p.e, E_MOD), z: p.z }]);
    out.push([`e[${i}] = −1`, { e: set(p.e, -1n), z: p.z }]);
    out.push([`z[${i}] + 1`, { e: p.e, z: set(p.z, (p.z[i]! + 1n) % pk.n) }]);
    out.push([`z[${i}] = n − z`, { e: p.e, z: set(p.z, pk.n - p.z[i]!) }]);
    out.push([`z[${i}] = 0`, { e: p.e, z: set(p.z, 0n) }]);
    out.push([`z[${i}] = n`, { e: p.e, z: set(p.z, pk.n) }]);
    out.push([`z[${i}] = p (not a unit)`, { e: p.e, z: set(p.z, sk.p) }]);
  }
  // Moving challenge mass between branches keeps Σe but breaks both equations.
  if (k >= 2) {
    out.push([
      'e[0] + 1, e[1] − 1',
      { e: p.e.map((x, j) => (j === 0 ? (x + 1n) % E_MOD : j === 1 ? (x - 1n + E_MOD) % E_MOD : x)), z: p.z },
    ]);
    out.push(['swap branches', { e: [...p.e].reverse(), z: [...p.z].reverse() }]);
  }
  out.push(['one branch missing', { e: p.e.slice(1), z: p.z.slice(1) }]);
  out.push(['extra branch', { e: [...p.e, 0n], z: [...p.z, 1n] }]);
  return out;
}

describe('Paillier 0/1 proof', () => {
  it('accepts honest proofs of 0 and 1 on both engines', () => {
    fc.assert(
      fc.property(fc.constantFrom<0 | 1>(0, 1), fc.integer(), (m, seed) => {
        const rng = rngFor(`01 ${seed}`);
        const { c, r } = P.encrypt(pk, BigInt(m), rng);
        const proof = proveZeroOne(P, pk, ctx, c, m, r, rng);
        expect(checkZeroOne(P, pk, ctx, c, proof)).toEqual({ ok: true, value: true });
        expect(checkZeroOne(P_BIGINT, pk, ctx, c, proof).ok).toBe(true);
        const json = parseJson(canonicalJson(zeroOneProofToJson(proof)));
        const back = json.ok ? zeroOneProofFromJson(json.value) : json;
        expect(back).toEqual({ ok: true, value: proof });
      }),
      { numRuns: 30 },
    );
  });

  it('rejects every mutated field, a changed statement, context or key', () => {
    const rng = rngFor('01 mutations');
    for (const m of [0, 1] as const) {
      const { c, r } = P.encrypt(pk, BigInt(m), rng);
      const proof = proveZeroOne(P, pk, ctx, c, m, r, rng);
      for (const [what, bad] of mutations(proof)) {
        const res = checkZeroOne(P, pk, ctx, c, bad);
        expect(res.ok, what).toBe(false);
        if (!res.ok) expect(res.code, what).toBe('PROOF_INVALID');
      }
      rejects(checkZeroOne(P, pk, ctx, (c * (pk.n + 1n)) % pk.n2, proof)); // c·g encrypts m + 1
      rejects(checkZeroOne(P, pk, ctx, (c * P.encryptWith(pk, 0n, 2n)) % pk.n2, proof)); // re-randomized
      rejects(checkZeroOne(P, pk, { ...ctx, fingerprint: 'cd'.repeat(32) }, c, proof));
      rejects(checkZeroOne(P, pk, { fingerprint: ctx.fingerprint }, c, proof));
      rejects(checkZeroOne(P, pk, { ...ctx, label: { q: 0, o: 2 } }, c, proof));
      rejects(checkZeroOne(P, other, ctx, c % other.n2 || 1n, proof));
      rejects(checkZeroOne(P, pk, ctx, 0n, proof), 'CIPHERTEXT_INVALID');
      rejects(checkZeroOne(P, pk, ctx, pk.n2, proof), 'CIPHERTEXT_INVALID');
      rejects(checkZeroOne(P, pk, ctx, sk.p, proof), 'CIPHERTEXT_INVALID');
    }
  });

  it('cannot be made for an encryption of 2', () => {
    const rng = rngFor('01 two');
    const { c, r } = P.encrypt(pk, 2n, rng);
    rejects(checkZeroOne(P, pk, ctx, c, proveZeroOne(P, pk, ctx, c, 1, r, rng)));
    rejects(checkZeroOne(P, pk, ctx, c, proveZeroOne(P, pk, ctx, c, 0, r, rng)));
    // A proof for Enc(1; r) presented for Enc(2; r).
    const c1 = P.encryptWith(pk, 1n, r);
    rejects(checkZeroOne(P, pk, ctx, c, proveZeroOne(P, pk, ctx, c1, 1, r, rng)));
  });

  it('decodes strictly', () => {
    for (const v of [
      null,
      [],
      {},
      { e: [1, 2] },
      { e: [1, 2], z: [1] },
      { e: [1, 2], z: [1, 2], x: 0 },
      { e: [1, '2'], z: [1, 2] },
      { e: [1, -2], z: [1, 2] },
      { e: [1, 2.5], z: [1, 2] },
      { e: [1, 2, 3], z: [1, 2, 3] },
    ]) {
      const r = zeroOneProofFromJson(v);
      expect(r.ok, JSON.stringify(v)).toBe(false);
      if (!r.ok) expect(r.code).toBe('ENCODING_INVALID');
    }
  });
});

describe('Paillier selection-limit proof', () => {
  it('accepts honest proofs for every total in [min, max] and rejects a total outside', () => {
    const rng = rngFor('limit');
    const [min, max] = [1, 3];
    for (const choices of [
      [1, 0, 0, 0],
      [1, 1, 0, 0],
      [1, 1, 1, 0],
      [0, 1, 0, 1],
    ]) {
      const encs = choices.map((m) => P.encrypt(pk, BigInt(m), rng));
      const total = ballotTotal(pk, encs);
      expect(P.decrypt(sk, total.c)).toBe(BigInt(choices.reduce((a, b) => a + b, 0)));
      const sum = choices.reduce((a, b) => a + b, 0);
      const proof = proveSelectionLimit(P, pk, ctx, total.c, sum, total.r, min, max, rng);
      expect(checkSelectionLimit(P, pk, ctx, total.c, min, max, proof).ok).toBe(true);
      const json = parseJson(canonicalJson(selectionLimitProofToJson(proof)));
      expect(json.ok && selectionLimitProofFromJson(json.value, min, max)).toEqual({
        ok: true,
        value: proof,
      });
      // Other bounds change the statement.
      rejects(checkSelectionLimit(P, pk, ctx, total.c, min, max + 1, proof));
      rejects(checkSelectionLimit(P, pk, ctx, total.c, 0, max, proof));
      for (const [what, bad] of mutations(proof))
        expect(checkSelectionLimit(P, pk, ctx, total.c, min, max, bad).ok, what).toBe(false);
      rejects(checkSelectionLimit(P, pk, ctx, (total.c * (pk.n + 1n)) % pk.n2, min, max, proof));
      rejects(checkSelectionLimit(P, pk, { ...ctx, label: null }, total.c, min, max, proof));
    }
    const encs = [1, 1, 1, 1].map((m) => P.encrypt(pk, BigInt(m), rng));
    const total = ballotTotal(pk, encs);
    expect(() => proveSelectionLimit(P, pk, ctx, total.c, 4, total.r, min, max, rng)).toThrow();
    // Claiming the total is 3 (it is 4) gives a proof that does not verify.
    rejects(
      checkSelectionLimit(
        P,
        pk,
        ctx,
        total.c,
        min,
        max,
        proveSelectionLimit(P, pk, ctx, total.c, 3, total.r, min, max, rng),
      ),
    );
  });

  it('refuses bad bounds with PARAMETER_INVALID and never throws', () => {
    const proof = { e: [0n], z: [1n] };
    for (const [min, max] of [
      [-1, 2],
      [3, 2],
      [0, 256],
      [0.5, 2],
      [0, Number.MAX_SAFE_INTEGER + 1],
    ] as const) {
      rejects(checkSelectionLimit(P, pk, ctx, 1n, min, max, proof), 'PARAMETER_INVALID');
      const r = selectionLimitProofFromJson({ e: [0], z: [1] }, min, max);
      expect(r.ok).toBe(false);
    }
    rejects(checkSelectionLimit(P, pk, ctx, 1n, 0, 0, { e: [0n, 1n], z: [1n] }));
  });
});

describe('Paillier verifiable decryption', () => {
  it('publishes m and r′ that anyone can check, on both engines', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: pk.n - 1n }), fc.integer(), (m, seed) => {
        const { c } = P.encrypt(pk, m, rngFor(`dec ${seed}`));
        const proof = proveDecryption(P, sk, c);
        expect(proof.m).toBe(m);
        expect(checkDecryption(P, pk, c, proof).ok).toBe(true);
        expect(checkDecryption(P_BIGINT, pk, c, proof).ok).toBe(true);
        const json = parseJson(canonicalJson(decryptionProofToJson(proof)));
        expect(json.ok && decryptionProofFromJson(json.value)).toEqual({ ok: true, value: proof });
      }),
      { numRuns: 40 },
    );
  });

  it('rejects every mutated field and a different ciphertext', () => {
    const { c } = P.encrypt(pk, 42n, rngFor('dec mut'));
    const proof = proveDecryption(P, sk, c);
    const bad: [string, PaillierDecryptionProof][] = [
      ['m + 1', { ...proof, m: proof.m + 1n }],
      ['m − 1', { ...proof, m: proof.m - 1n }],
      ['m + n', { ...proof, m: proof.m + pk.n }],
      ['m = −1', { ...proof, m: -1n }],
      ['r + 1', { ...proof, r: proof.r + 1n }],
      ['n − r', { ...proof, r: pk.n - proof.r }],
      ['r = 0', { ...proof, r: 0n }],
      ['r = p', { ...proof, r: sk.p }],
      ['r + n', { ...proof, r: proof.r + pk.n }],
    ];
    for (const [what, p] of bad) {
      const r = checkDecryption(P, pk, c, p);
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.code, what).toBe('DECRYPTION_INVALID');
    }
    rejects(checkDecryption(P, pk, (c * (pk.n + 1n)) % pk.n2, proof), 'DECRYPTION_INVALID');
    rejects(checkDecryption(P, pk, pk.n, proof), 'CIPHERTEXT_INVALID');
    for (const v of [
      null,
      {},
      { m: 1 },
      { m: 1, r: 2, x: 3 },
      { m: '1', r: 2 },
      { m: -1, r: 2 },
      { m: 1, r: 2.5 },
    ]) {
      const r = decryptionProofFromJson(v);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe('ENCODING_INVALID');
    }
  });
});
