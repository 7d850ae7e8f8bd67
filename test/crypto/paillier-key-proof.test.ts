import { describe, expect, it } from 'vitest';
import { canonicalJson, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { hashToScalarMod } from '../../src/crypto/group/scalars.js';
import {
  checkKeyWellFormed,
  isProbablePrime,
  KEY_PROOF_ROUNDS,
  keyProofFromJson,
  keyProofToJson,
  type PaillierKeyProof,
  paillierPublicKey,
  proveKeyWellFormed,
} from '../../src/crypto/paillier/index.js';
import { challengeInput, type ProofContext } from '../../src/crypto/proofs/fiat-shamir.js';
import { unwrap } from '../../src/crypto/result.js';
import { P_BIGINT, P_OPENSSL, rngFor, testKey } from './paillier-fixtures.js';

const ctx: ProofContext = { fingerprint: '12'.repeat(32) };

describe('Paillier key proof', () => {
  const sk = testKey(1024);
  const pk = sk.publicKey;

  it('accepts the honest proof on both engines and round-trips it through JSON', () => {
    const proof = proveKeyWellFormed(P_OPENSSL, sk, ctx);
    expect(proof.roots.length).toBe(KEY_PROOF_ROUNDS);
    expect(checkKeyWellFormed(P_OPENSSL, pk, ctx, proof).ok).toBe(true);
    expect(checkKeyWellFormed(P_BIGINT, pk, ctx, proof).ok).toBe(true);
    const json = parseJson(canonicalJson(keyProofToJson(proof)));
    expect(json.ok && keyProofFromJson(json.value)).toEqual({ ok: true, value: proof });
  });

  it('rejects every mutated root, a different context and a different key', () => {
    const proof = proveKeyWellFormed(P_OPENSSL, sk, ctx);
    for (let i = 0; i < KEY_PROOF_ROUNDS; i++) {
      for (const v of [
        proof.roots[i]! + 1n,
        pk.n - proof.roots[i]!,
        0n,
        pk.n,
        sk.p,
        proof.roots[(i + 1) % KEY_PROOF_ROUNDS]!,
      ]) {
        const bad: PaillierKeyProof = { roots: proof.roots.map((x, j) => (j === i ? v : x)) };
        const r = checkKeyWellFormed(P_OPENSSL, pk, ctx, bad);
        expect(r.ok, `root ${i}`).toBe(false);
        if (!r.ok) expect(r.code).toBe('PROOF_INVALID');
      }
    }
    expect(checkKeyWellFormed(P_OPENSSL, pk, { fingerprint: '34'.repeat(32) }, proof).ok).toBe(false);
    expect(checkKeyWellFormed(P_OPENSSL, pk, { ...ctx, label: 'x' }, proof).ok).toBe(false);
    expect(checkKeyWellFormed(P_OPENSSL, testKey(512).publicKey, ctx, proof).ok).toBe(false);
    expect(checkKeyWellFormed(P_OPENSSL, pk, ctx, { roots: proof.roots.slice(1) }).ok).toBe(false);
    for (const v of [
      null,
      {},
      { roots: [] },
      { roots: [1, 2] },
      { roots: proof.roots.map(String) },
      { roots: [], x: 1 },
    ])
      expect(keyProofFromJson(v).ok).toBe(false);
  });

  it('cannot exist for a modulus with gcd(n, φ(n)) ≠ 1: some target is not an n-th residue', () => {
    // n = p·q with p | q − 1, so p divides gcd(n, φ(n)); p > 1000 passes the small-factor check.
    const p = 1009n;
    const rng = rngFor('bad modulus');
    let q = 0n;
    for (let k = 2n ** 300n / (2n * p); ; k++) {
      q = 2n * k * p + 1n;
      if (isProbablePrime(q, rng)) break;
    }
    const bad = unwrap(paillierPublicKey(p * q, 256));
    // x is an n-th residue mod q iff x^((q−1)/p) ≡ 1 (mod q) (n-th powers mod q are the p-th powers).
    const residue = (x: bigint) => P_OPENSSL.engine.pow(x % q, (q - 1n) / p, q) === 1n;
    const targets = Array.from({ length: KEY_PROOF_ROUNDS }, (_, i) =>
      hashToScalarMod(bad.n, challengeInput('paillier-key', 'paillier', ctx, { i, n: bad.n }, [])),
    );
    expect(targets.some((x) => !residue(x))).toBe(true);
  });
});
