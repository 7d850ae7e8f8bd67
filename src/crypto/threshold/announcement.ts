/**
 * Round 1 of the key ceremony. Trustee i publishes
 * - its share-encryption key X_i = g^(y_i) with a Schnorr proof of y_i (role `share-key`), and
 * - Feldman commitments C_(i,0) … C_(i,k−1) to a random polynomial P_i of degree k − 1 with a Schnorr
 *   proof of a_(i,0) = log_g C_(i,0) (role `coefficient`);
 * both proofs are bound to the trustee index through their label (see `trusteeContext`).
 */
import type { JsonObject } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import { arrayField, elementField, exactKeys, smallIntField } from '../proofs/decode.js';
import type { ProofContext } from '../proofs/fiat-shamir.js';
import {
  proveSchnorr,
  type SchnorrProof,
  schnorrProofFromJson,
  schnorrProofToJson,
  verifySchnorr,
} from '../proofs/schnorr.js';
import { type Check, CryptoUsageError, fail, OK, ok, type Result, unwrap, within } from '../result.js';
import type { Rng } from '../rng.js';
import { checkIndex, checkParams, MAX_TRUSTEES, type ThresholdParams, trusteeContext } from './context.js';
import { commitPolynomial } from './feldman.js';
import { randomPolynomial } from './polynomial.js';

/** What trustee i publishes in round 1. */
export interface TrusteeAnnouncement<E> {
  /** Trustee index i in [1, n]. */
  readonly trustee: number;
  /** Share-encryption key X_i = g^(y_i). */
  readonly shareKey: E;
  /** Schnorr proof of y_i. */
  readonly shareKeyProof: SchnorrProof;
  /** Feldman commitments C_(i,j) = g^(a_(i,j)), j = 0 … k−1. */
  readonly commitments: readonly E[];
  /** Schnorr proof of a_(i,0). */
  readonly commitmentProof: SchnorrProof;
}

/** What trustee i keeps secret after round 1. */
export interface TrusteeSecrets {
  readonly trustee: number;
  /** y_i, the share-decryption key. */
  readonly shareKeySecret: bigint;
  /** a_(i,0) … a_(i,k−1). */
  readonly coefficients: readonly bigint[];
}

/** Creates trustee `trustee`'s round-1 secrets and announcement. */
export function createAnnouncement<E>(
  G: Group<E>,
  ctx: ProofContext,
  params: ThresholdParams,
  trustee: number,
  rng: Rng,
): { readonly secrets: TrusteeSecrets; readonly announcement: TrusteeAnnouncement<E> } {
  unwrap(checkParams(params));
  if (!checkIndex(trustee, params.n, 'trustee').ok) throw new CryptoUsageError('trustee index out of range');
  const y = G.randomScalar(rng);
  const coefficients = randomPolynomial(G, params.k, rng);
  const announcement: TrusteeAnnouncement<E> = {
    trustee,
    shareKey: G.expG(y),
    shareKeyProof: proveSchnorr(G, trusteeContext(ctx, 'share-key', trustee), y, rng),
    commitments: commitPolynomial(G, coefficients),
    commitmentProof: proveSchnorr(G, trusteeContext(ctx, 'coefficient', trustee), coefficients[0]!, rng),
  };
  return { secrets: { trustee, shareKeySecret: y, coefficients }, announcement };
}

/**
 * Checks a round-1 announcement: index in [1, n], exactly k commitments, X_i and C_(i,0) not the
 * identity, and both Schnorr proofs under their trustee-bound labels.
 */
export function checkAnnouncement<E>(
  G: Group<E>,
  ctx: ProofContext,
  params: ThresholdParams,
  ann: TrusteeAnnouncement<E>,
): Check {
  const p = checkParams(params);
  if (!p.ok) return p;
  const i = checkIndex(ann.trustee, params.n, 'announcement.trustee');
  if (!i.ok) return i;
  if (ann.commitments.length !== params.k)
    return fail('PARAMETER_INVALID', `trustee ${ann.trustee} must publish ${params.k} commitments`);
  if (G.eq(ann.shareKey, G.identity) || G.eq(ann.commitments[0]!, G.identity))
    return fail('KEY_INVALID', `trustee ${ann.trustee} published the identity as a key`);
  const sk = verifySchnorr(G, trusteeContext(ctx, 'share-key', ann.trustee), ann.shareKey, ann.shareKeyProof);
  if (!sk.ok) return within(`trustee ${ann.trustee} share-key proof`, sk);
  const cp = verifySchnorr(
    G,
    trusteeContext(ctx, 'coefficient', ann.trustee),
    ann.commitments[0]!,
    ann.commitmentProof,
  );
  if (!cp.ok) return within(`trustee ${ann.trustee} coefficient proof`, cp);
  return OK;
}

/** JSON `{"trustee", "share_key", "share_key_proof", "commitments": [...], "commitment_proof"}`. */
export function announcementToJson<E>(G: Group<E>, ann: TrusteeAnnouncement<E>): JsonObject {
  return {
    commitment_proof: schnorrProofToJson(G, ann.commitmentProof),
    commitments: ann.commitments.map((C) => G.toJson(C)),
    share_key: G.toJson(ann.shareKey),
    share_key_proof: schnorrProofToJson(G, ann.shareKeyProof),
    trustee: ann.trustee,
  };
}

/** Strict inverse of {@link announcementToJson} (at most {@link MAX_TRUSTEES} commitments). */
export function announcementFromJson<E>(G: Group<E>, v: unknown): Result<TrusteeAnnouncement<E>> {
  const what = 'announcement';
  const o = exactKeys(
    v,
    ['trustee', 'share_key', 'share_key_proof', 'commitments', 'commitment_proof'],
    what,
  );
  if (!o.ok) return o;
  const trustee = smallIntField(o.value, 'trustee', what, 1, MAX_TRUSTEES);
  if (!trustee.ok) return trustee;
  const shareKey = elementField(G, o.value, 'share_key', what);
  if (!shareKey.ok) return shareKey;
  const shareKeyProof = schnorrProofFromJson(G, o.value.share_key_proof);
  if (!shareKeyProof.ok) return within(`${what}.share_key_proof`, shareKeyProof);
  const commitments = arrayField(o.value.commitments, `${what}.commitments`, MAX_TRUSTEES, (x) =>
    G.fromJson(x),
  );
  if (!commitments.ok) return commitments;
  if (commitments.value.length === 0) return fail('ENCODING_INVALID', `${what}.commitments is empty`);
  const commitmentProof = schnorrProofFromJson(G, o.value.commitment_proof);
  if (!commitmentProof.ok) return within(`${what}.commitment_proof`, commitmentProof);
  return ok({
    trustee: trustee.value,
    shareKey: shareKey.value,
    shareKeyProof: shareKeyProof.value,
    commitments: commitments.value,
    commitmentProof: commitmentProof.value,
  });
}
