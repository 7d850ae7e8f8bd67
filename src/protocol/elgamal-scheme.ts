/** The ElGamal ballot scheme over any group: exponential ElGamal with CDS 0/1 and range proofs. */
import {
  type Ciphertext,
  ciphertextEquals,
  ciphertextFromJson,
  ciphertextToJson,
  encrypt,
  sumCiphertexts,
} from '../crypto/elgamal.js';
import type { Group } from '../crypto/group/group.js';
import { proveRange, rangeProofFromJson, rangeProofToJson, verifyRange } from '../crypto/proofs/range.js';
import {
  proveZeroOne,
  verifyZeroOne,
  zeroOneProofFromJson,
  zeroOneProofToJson,
} from '../crypto/proofs/zero-one.js';
import type { BallotScheme } from './scheme.js';

/** Builds the ElGamal scheme for group G and election public key pk. */
export function elgamalScheme<E>(G: Group<E>, pk: E): BallotScheme<Ciphertext<E>> {
  return {
    name: `elgamal-${G.name}`,
    randomness: (rng) => G.randomScalar(rng),
    encrypt: (m, r) => encrypt(G, pk, m, r),
    sum: (cts) => sumCiphertexts(G, cts),
    sumRandomness: (rs) => rs.reduce((s, r) => (s + r) % G.q, 0n),
    eq: (x, y) => ciphertextEquals(G, x, y),
    proveZeroOne: (ctx, ct, m, r, rng) => zeroOneProofToJson(G, proveZeroOne(G, ctx, pk, ct, m, r, rng)),
    verifyZeroOne: (ctx, ct, proof) => {
      const p = zeroOneProofFromJson(G, proof);
      return p.ok ? verifyZeroOne(G, ctx, pk, ct, p.value) : p;
    },
    proveRange: (ctx, ct, m, r, min, max, rng) =>
      rangeProofToJson(G, proveRange(G, ctx, pk, ct, m, r, min, max, rng)),
    verifyRange: (ctx, ct, min, max, proof) => {
      const p = rangeProofFromJson(G, proof);
      return p.ok ? verifyRange(G, ctx, pk, ct, min, max, p.value) : p;
    },
    ctToJson: (ct) => ciphertextToJson(G, ct),
    ctFromJson: (v) => ciphertextFromJson(G, v),
    randomnessToJson: (r) => G.scalarToJson(r),
    randomnessFromJson: (v) => G.scalarFromJson(v),
  };
}
