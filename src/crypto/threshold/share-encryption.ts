/**
 * Round 2 of the key ceremony: dealer i sends s_(i→l) = P_i(l) to each other trustee l, encrypted with
 * hashed ElGamal under l's share-encryption key X_l:
 * R = g^ρ, K = X_l^ρ, mask = hashToScalar(canonical JSON {"K", "R", "fingerprint", "from": i,
 * "group", "tag": "pnyx/share-mask/v1", "to": l}), e = s + mask mod q. The recipient computes
 * K = R^(y_l), removes the mask and checks g^s = Π_j C_(i,j)^(l^j).
 */
import { canonicalBytes, type JsonObject } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import { elementField, exactKeys, scalarField, smallIntField } from '../proofs/decode.js';
import type { ProofContext } from '../proofs/fiat-shamir.js';
import { fail, ok, type Result } from '../result.js';
import type { Rng } from '../rng.js';
import type { TrusteeAnnouncement, TrusteeSecrets } from './announcement.js';
import { MAX_TRUSTEES } from './context.js';
import { shareMatches } from './feldman.js';
import { evalPolynomial } from './polynomial.js';

/** An encrypted share s_(i→l), published on the ledger. */
export interface EncryptedShare<E> {
  /** Dealer index i. */
  readonly from: number;
  /** Recipient index l. */
  readonly to: number;
  /** R = g^ρ. */
  readonly R: E;
  /** e = s + mask mod q. */
  readonly e: bigint;
}

/** The mask hashToScalar({"K","R","fingerprint","from","group","tag","to"}) of a share. */
export function shareMask<E>(G: Group<E>, ctx: ProofContext, from: number, to: number, R: E, K: E): bigint {
  const input = {
    K: G.toJson(K),
    R: G.toJson(R),
    fingerprint: ctx.fingerprint,
    from,
    group: G.name,
    tag: 'pnyx/share-mask/v1',
    to,
  };
  return G.hashToScalar(canonicalBytes(input));
}

/** Encrypts share s from dealer `from` to recipient `to` under the recipient's key X. */
export function encryptShare<E>(
  G: Group<E>,
  ctx: ProofContext,
  from: number,
  to: number,
  s: bigint,
  X: E,
  rng: Rng,
): EncryptedShare<E> {
  const rho = G.randomScalar(rng);
  const R = G.expG(rho);
  const mask = shareMask(G, ctx, from, to, R, G.exp(X, rho));
  return { from, to, R, e: (s + mask) % G.q };
}

/** Removes the mask with the recipient's share-decryption key y: s = e − mask(…, R^y). */
export function decryptShare<E>(G: Group<E>, ctx: ProofContext, share: EncryptedShare<E>, y: bigint): bigint {
  return unmaskShare(G, ctx, share, G.exp(share.R, y));
}

/** s = e − mask given K = R^y (used by the recipient and by anyone checking a complaint). */
export function unmaskShare<E>(G: Group<E>, ctx: ProofContext, share: EncryptedShare<E>, K: E): bigint {
  const mask = shareMask(G, ctx, share.from, share.to, share.R, K);
  return (share.e - mask + G.q) % G.q;
}

/** Dealer's shares for every other announced trustee (its own share P_i(i) stays with it). */
export function dealShares<E>(
  G: Group<E>,
  ctx: ProofContext,
  secrets: TrusteeSecrets,
  announcements: readonly TrusteeAnnouncement<E>[],
  rng: Rng,
): EncryptedShare<E>[] {
  return announcements
    .filter((a) => a.trustee !== secrets.trustee)
    .map((a) => {
      const s = evalPolynomial(G, secrets.coefficients, BigInt(a.trustee));
      return encryptShare(G, ctx, secrets.trustee, a.trustee, s, a.shareKey, rng);
    });
}

/** The dealer's own share P_i(i). */
export function ownShare<E>(G: Group<E>, secrets: TrusteeSecrets): bigint {
  return evalPolynomial(G, secrets.coefficients, BigInt(secrets.trustee));
}

/**
 * Recipient side: decrypts a share and checks it against the dealer's commitments. Fails with
 * `SHARE_INVALID` when it does not match (the recipient should then publish a complaint).
 */
export function receiveShare<E>(
  G: Group<E>,
  ctx: ProofContext,
  share: EncryptedShare<E>,
  y: bigint,
  dealerCommitments: readonly E[],
): Result<bigint> {
  const s = decryptShare(G, ctx, share, y);
  if (!shareMatches(G, dealerCommitments, share.to, s))
    return fail(
      'SHARE_INVALID',
      `the share from trustee ${share.from} to ${share.to} does not match its commitments`,
    );
  return ok(s);
}

/** x_l = Σ_i s_(i→l) mod q over the qualified dealers (including l's own share). */
export function combineShares<E>(G: Group<E>, shares: readonly bigint[]): bigint {
  return shares.reduce((acc, s) => (acc + s) % G.q, 0n);
}

/** JSON `{"from", "to", "R", "e"}`. */
export function encryptedShareToJson<E>(G: Group<E>, share: EncryptedShare<E>): JsonObject {
  return { R: G.toJson(share.R), e: G.scalarToJson(share.e), from: share.from, to: share.to };
}

/** Strict inverse of {@link encryptedShareToJson}; the two indices must differ. */
export function encryptedShareFromJson<E>(G: Group<E>, v: unknown): Result<EncryptedShare<E>> {
  const what = 'encrypted share';
  const o = exactKeys(v, ['from', 'to', 'R', 'e'], what);
  if (!o.ok) return o;
  const from = smallIntField(o.value, 'from', what, 1, MAX_TRUSTEES);
  if (!from.ok) return from;
  const to = smallIntField(o.value, 'to', what, 1, MAX_TRUSTEES);
  if (!to.ok) return to;
  if (from.value === to.value)
    return fail('ENCODING_INVALID', `${what}: a dealer does not send a share to itself`);
  const R = elementField(G, o.value, 'R', what);
  if (!R.ok) return R;
  const e = scalarField(G, o.value, 'e', what);
  if (!e.ok) return e;
  return ok({ from: from.value, to: to.value, R: R.value, e: e.value });
}
