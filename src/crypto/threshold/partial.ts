/**
 * Partial decryption: trustee l publishes D_l = a^(x_l) for a ciphertext (a, b) with a Chaum–Pedersen
 * proof that log_g VK_l = log_a D_l (role `partial-decryption`, label binding l and the caller's label).
 * VK_l is g^(x_l) from the ceremony (threshold) or the trustee's own public key (n-of-n).
 */
import type { Ciphertext } from '../elgamal.js';
import type { JsonObject } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import {
  type ChaumPedersenProof,
  chaumPedersenProofFromJson,
  chaumPedersenProofToJson,
  proveEqualLogs,
  verifyEqualLogs,
} from '../proofs/chaum-pedersen.js';
import { elementField, exactKeys, smallIntField } from '../proofs/decode.js';
import type { ProofContext } from '../proofs/fiat-shamir.js';
import { type Check, OK, ok, type Result, within } from '../result.js';
import type { Rng } from '../rng.js';
import { MAX_TRUSTEES, trusteeContext } from './context.js';

/** Trustee l's decryption share of one ciphertext. */
export interface PartialDecryption<E> {
  /** Trustee index l. */
  readonly trustee: number;
  /** D_l = a^(x_l). */
  readonly D: E;
  /** Proof that log_g VK_l = log_a D_l. */
  readonly proof: ChaumPedersenProof;
}

/** Computes D_l = a^(x_l) and its proof. */
export function partialDecrypt<E>(
  G: Group<E>,
  ctx: ProofContext,
  ct: Ciphertext<E>,
  trustee: number,
  x: bigint,
  rng: Rng,
): PartialDecryption<E> {
  const D = G.exp(ct.a, x);
  const st = { g1: G.g, h1: G.expG(x), g2: ct.a, h2: D };
  return {
    trustee,
    D,
    proof: proveEqualLogs(G, trusteeContext(ctx, 'partial-decryption', trustee), st, x, rng),
  };
}

/** Checks a partial decryption of ct against the trustee's verification key VK_l. */
export function checkPartialDecryption<E>(
  G: Group<E>,
  ctx: ProofContext,
  ct: Ciphertext<E>,
  verificationKey: E,
  pd: PartialDecryption<E>,
): Check {
  const st = { g1: G.g, h1: verificationKey, g2: ct.a, h2: pd.D };
  const r = verifyEqualLogs(G, trusteeContext(ctx, 'partial-decryption', pd.trustee), st, pd.proof);
  return r.ok ? OK : within(`partial decryption of trustee ${pd.trustee}`, r);
}

/** JSON `{"trustee", "D", "proof"}`. */
export function partialDecryptionToJson<E>(G: Group<E>, pd: PartialDecryption<E>): JsonObject {
  return { D: G.toJson(pd.D), proof: chaumPedersenProofToJson(G, pd.proof), trustee: pd.trustee };
}

/** Strict inverse of {@link partialDecryptionToJson}. */
export function partialDecryptionFromJson<E>(G: Group<E>, v: unknown): Result<PartialDecryption<E>> {
  const what = 'partial decryption';
  const o = exactKeys(v, ['trustee', 'D', 'proof'], what);
  if (!o.ok) return o;
  const trustee = smallIntField(o.value, 'trustee', what, 1, MAX_TRUSTEES);
  if (!trustee.ok) return trustee;
  const D = elementField(G, o.value, 'D', what);
  if (!D.ok) return D;
  const proof = chaumPedersenProofFromJson(G, o.value.proof);
  if (!proof.ok) return within(`${what}.proof`, proof);
  return ok({ trustee: trustee.value, D: D.value, proof: proof.value });
}
