/**
 * The n-of-n variant: each trustee i has its own key pair (sk_i, pk_i = g^(sk_i)) published with a
 * Schnorr proof (role `trustee-key`); the election key is pk = Π pk_i; partial decryptions are checked
 * against pk_i (see `partial.ts`) and combined by product (`combineProduct`).
 */
import type { JsonObject } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import { elementField, exactKeys, smallIntField } from '../proofs/decode.js';
import type { ProofContext } from '../proofs/fiat-shamir.js';
import {
  proveSchnorr,
  type SchnorrProof,
  schnorrProofFromJson,
  schnorrProofToJson,
  verifySchnorr,
} from '../proofs/schnorr.js';
import { type Check, fail, OK, ok, type Result, within } from '../result.js';
import type { Rng } from '../rng.js';
import { MAX_TRUSTEES, trusteeContext } from './context.js';

/** A trustee's public key with its proof of knowledge. */
export interface TrusteePublicKey<E> {
  readonly trustee: number;
  readonly pk: E;
  readonly proof: SchnorrProof;
}

/** Creates trustee `trustee`'s key pair. */
export function createTrusteeKey<E>(
  G: Group<E>,
  ctx: ProofContext,
  trustee: number,
  rng: Rng,
): { readonly sk: bigint; readonly publicKey: TrusteePublicKey<E> } {
  const sk = G.randomScalar(rng);
  const proof = proveSchnorr(G, trusteeContext(ctx, 'trustee-key', trustee), sk, rng);
  return { sk, publicKey: { trustee, pk: G.expG(sk), proof } };
}

/** Checks a trustee key: not the identity, and its Schnorr proof under the trustee-bound label. */
export function checkTrusteeKey<E>(G: Group<E>, ctx: ProofContext, key: TrusteePublicKey<E>): Check {
  if (G.eq(key.pk, G.identity)) return fail('KEY_INVALID', `trustee ${key.trustee} published the identity`);
  const r = verifySchnorr(G, trusteeContext(ctx, 'trustee-key', key.trustee), key.pk, key.proof);
  return r.ok ? OK : within(`trustee ${key.trustee} key proof`, r);
}

/** pk = Π pk_i. */
export function productPublicKey<E>(G: Group<E>, keys: readonly TrusteePublicKey<E>[]): E {
  return keys.reduce((acc, k) => G.op(acc, k.pk), G.identity);
}

/** JSON `{"trustee", "pk", "proof"}`. */
export function trusteeKeyToJson<E>(G: Group<E>, key: TrusteePublicKey<E>): JsonObject {
  return { pk: G.toJson(key.pk), proof: schnorrProofToJson(G, key.proof), trustee: key.trustee };
}

/** Strict inverse of {@link trusteeKeyToJson}. */
export function trusteeKeyFromJson<E>(G: Group<E>, v: unknown): Result<TrusteePublicKey<E>> {
  const what = 'trustee key';
  const o = exactKeys(v, ['trustee', 'pk', 'proof'], what);
  if (!o.ok) return o;
  const trustee = smallIntField(o.value, 'trustee', what, 1, MAX_TRUSTEES);
  if (!trustee.ok) return trustee;
  const pk = elementField(G, o.value, 'pk', what);
  if (!pk.ok) return pk;
  const proof = schnorrProofFromJson(G, o.value.proof);
  if (!proof.ok) return within(`${what}.proof`, proof);
  return ok({ trustee: trustee.value, pk: pk.value, proof: proof.value });
}
