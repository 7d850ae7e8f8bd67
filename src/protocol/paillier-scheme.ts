/** The Paillier ballot scheme (seed 001): one ciphertext per option with 0/1 and selection-limit proofs. */
import { asBigInt } from '../crypto/encoding/canonical-json.js';
import type { PaillierPublicKey } from '../crypto/paillier/keys.js';
import { intJson } from '../crypto/paillier/one-of.js';
import {
  ciphertextFromJson,
  ciphertextToJson,
  type Paillier,
  type PaillierCiphertext,
} from '../crypto/paillier/scheme.js';
import {
  checkSelectionLimit,
  proveSelectionLimit,
  selectionLimitProofFromJson,
  selectionLimitProofToJson,
} from '../crypto/paillier/selection-limit.js';
import {
  checkZeroOne,
  proveZeroOne,
  zeroOneProofFromJson,
  zeroOneProofToJson,
} from '../crypto/paillier/zero-one.js';
import { fail, ok } from '../crypto/result.js';
import type { BallotScheme } from './scheme.js';

/** Builds the Paillier scheme for public key pk on the operations P (engine chosen by the caller). */
export function paillierScheme(P: Paillier, pk: PaillierPublicKey): BallotScheme<PaillierCiphertext> {
  return {
    name: 'paillier',
    randomness: (rng) => P.randomUnit(pk, rng),
    encrypt: (m, r) => P.encryptWith(pk, m, r),
    sum: (cts) => P.sum(pk, cts),
    sumRandomness: (rs) => rs.reduce((acc, r) => (acc * r) % pk.n, 1n),
    eq: (x, y) => x === y,
    proveZeroOne: (ctx, ct, m, r, rng) => zeroOneProofToJson(proveZeroOne(P, pk, ctx, ct, m, r, rng)),
    verifyZeroOne: (ctx, ct, proof) => {
      const p = zeroOneProofFromJson(proof);
      return p.ok ? checkZeroOne(P, pk, ctx, ct, p.value) : p;
    },
    proveRange: (ctx, ct, m, r, min, max, rng) =>
      selectionLimitProofToJson(proveSelectionLimit(P, pk, ctx, ct, m, r, min, max, rng)),
    verifyRange: (ctx, ct, min, max, proof) => {
      const p = selectionLimitProofFromJson(proof, min, max);
      return p.ok ? checkSelectionLimit(P, pk, ctx, ct, min, max, p.value) : p;
    },
    ctToJson: ciphertextToJson,
    ctFromJson: (v) => ciphertextFromJson(pk, v),
    randomnessToJson: intJson,
    randomnessFromJson: (v) => {
      const r = asBigInt(v);
      return r !== undefined && r > 0n && r < pk.n
        ? ok(r)
        : fail('SCALAR_INVALID', 'randomness must be in [1, n)');
    },
  };
}
