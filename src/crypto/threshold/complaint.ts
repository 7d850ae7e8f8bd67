/**
 * Round 3 of the key ceremony: a recipient l whose share from dealer i fails the commitment check
 * publishes K = R^(y_l) with a Chaum–Pedersen proof that log_g X_l = log_R K (role `complaint`, label
 * also binding `from`). Anyone can then unmask the share and see whether it matches the commitments.
 */
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
import { fail, ok, type Result, within } from '../result.js';
import type { Rng } from '../rng.js';
import { MAX_TRUSTEES, trusteeContext } from './context.js';
import { shareMatches } from './feldman.js';
import { type EncryptedShare, unmaskShare } from './share-encryption.js';

/** Evidence that the share from `from` to `to` is wrong. */
export interface ShareComplaint<E> {
  readonly from: number;
  readonly to: number;
  /** K = R^(y_to), the Diffie–Hellman value that unmasks the share. */
  readonly K: E;
  /** Proof that log_g X_to = log_R K. */
  readonly proof: ChaumPedersenProof;
}

function complaintContext(ctx: ProofContext, from: number, to: number): ProofContext {
  return trusteeContext(ctx, 'complaint', to, { from });
}

/** Creates the complaint about `share` with the recipient's share-decryption key y. */
export function createShareComplaint<E>(
  G: Group<E>,
  ctx: ProofContext,
  share: EncryptedShare<E>,
  y: bigint,
  rng: Rng,
): ShareComplaint<E> {
  const K = G.exp(share.R, y);
  const st = { g1: G.g, h1: G.expG(y), g2: share.R, h2: K };
  return {
    from: share.from,
    to: share.to,
    K,
    proof: proveEqualLogs(G, complaintContext(ctx, share.from, share.to), st, y, rng),
  };
}

/**
 * Judges a complaint. `ok(true)`: the complaint is justified (the dealer sent a wrong share);
 * `ok(false)`: the share is correct (the complaint is unfounded); a failure (`PARAMETER_INVALID`,
 * `PROOF_INVALID`): the evidence itself is invalid, which is the complainer's fault.
 *
 * @param recipientKey X_to from the recipient's announcement
 * @param dealerCommitments C_(from, ·) from the dealer's announcement
 */
export function checkShareComplaint<E>(
  G: Group<E>,
  ctx: ProofContext,
  complaint: ShareComplaint<E>,
  share: EncryptedShare<E>,
  recipientKey: E,
  dealerCommitments: readonly E[],
): Result<boolean> {
  // 1. The complaint concerns this share.
  if (complaint.from !== share.from || complaint.to !== share.to)
    return fail('PARAMETER_INVALID', 'the complaint does not concern this share');
  // 2. K is the true Diffie–Hellman value R^(y_to): Chaum–Pedersen proof against X_to.
  const st = { g1: G.g, h1: recipientKey, g2: share.R, h2: complaint.K };
  const proof = verifyEqualLogs(G, complaintContext(ctx, share.from, share.to), st, complaint.proof);
  if (!proof.ok) return within(`complaint of trustee ${share.to} against ${share.from}`, proof);
  // 3. Unmask the share and check it against the dealer's commitments.
  const s = unmaskShare(G, ctx, share, complaint.K);
  return ok(!shareMatches(G, dealerCommitments, share.to, s));
}

/** JSON `{"from", "to", "K", "proof"}`. */
export function shareComplaintToJson<E>(G: Group<E>, c: ShareComplaint<E>): JsonObject {
  return { K: G.toJson(c.K), from: c.from, proof: chaumPedersenProofToJson(G, c.proof), to: c.to };
}

/** Strict inverse of {@link shareComplaintToJson}. */
export function shareComplaintFromJson<E>(G: Group<E>, v: unknown): Result<ShareComplaint<E>> {
  const what = 'share complaint';
  const o = exactKeys(v, ['from', 'to', 'K', 'proof'], what);
  if (!o.ok) return o;
  const from = smallIntField(o.value, 'from', what, 1, MAX_TRUSTEES);
  if (!from.ok) return from;
  const to = smallIntField(o.value, 'to', what, 1, MAX_TRUSTEES);
  if (!to.ok) return to;
  const K = elementField(G, o.value, 'K', what);
  if (!K.ok) return K;
  const proof = chaumPedersenProofFromJson(G, o.value.proof);
  if (!proof.ok) return within(`${what}.proof`, proof);
  return ok({ from: from.value, to: to.value, K: K.value, proof: proof.value });
}
