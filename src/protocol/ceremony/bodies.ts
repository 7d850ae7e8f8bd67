/**
 * Bodies of the threshold-ceremony records that have no crypto-layer form of their own:
 * - `trustee_shares`: `{"trustee": i, "shares": [<encrypted share i→l>, …]}`, recipients in increasing order;
 * - `trustee_complaint`: `{"trustee": l, "complaints": [<complaint i→l>, …]}`, dealers in increasing order
 *   (an empty list says "every share addressed to me checks");
 * - `trustee_ready`: `{"trustee": l, "verification_key": VK_l, "proof": <Schnorr proof of x_l>}`.
 * (`trustee_announcement` and `trustee_key` bodies are the crypto layer's JSON forms.)
 * Decoders are strict and never throw.
 */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import type { Group } from '../../crypto/group/group.js';
import { arrayField, elementField, exactKeys, smallIntField } from '../../crypto/proofs/decode.js';
import { type SchnorrProof, schnorrProofFromJson, schnorrProofToJson } from '../../crypto/proofs/schnorr.js';
import { fail, ok, type Result, within } from '../../crypto/result.js';
import {
  type ShareComplaint,
  shareComplaintFromJson,
  shareComplaintToJson,
} from '../../crypto/threshold/complaint.js';
import { MAX_TRUSTEES } from '../../crypto/threshold/context.js';
import {
  type EncryptedShare,
  encryptedShareFromJson,
  encryptedShareToJson,
} from '../../crypto/threshold/share-encryption.js';

/** Dealer i's encrypted shares to the other trustees. */
export interface SharesBody<E> {
  readonly trustee: number;
  readonly shares: readonly EncryptedShare<E>[];
}

/** Recipient l's complaints (possibly none) against dealers whose shares fail. */
export interface ComplaintBody<E> {
  readonly trustee: number;
  readonly complaints: readonly ShareComplaint<E>[];
}

/** Trustee l's confirmation that it holds x_l with g^(x_l) = VK_l. */
export interface ReadyBody<E> {
  readonly trustee: number;
  readonly verificationKey: E;
  readonly proof: SchnorrProof;
}

/** Checks that `values` strictly increase (so each index appears once and the order is canonical). */
function increasing(values: readonly number[], what: string): Result<true> {
  for (let i = 1; i < values.length; i++)
    if (values[i]! <= values[i - 1]!) return fail('ENCODING_INVALID', `${what} must strictly increase`);
  return ok(true);
}

/** JSON form of a dealing. */
export function sharesBodyToJson<E>(G: Group<E>, b: SharesBody<E>): JsonObject {
  return { shares: b.shares.map((s) => encryptedShareToJson(G, s)), trustee: b.trustee };
}

/** Strict decoder of a dealing: every share is from `trustee`, recipients strictly increase. */
export function sharesBodyFromJson<E>(G: Group<E>, v: unknown): Result<SharesBody<E>> {
  const what = 'trustee_shares';
  const o = exactKeys(v, ['trustee', 'shares'], what);
  if (!o.ok) return o;
  const trustee = smallIntField(o.value, 'trustee', what, 1, MAX_TRUSTEES);
  if (!trustee.ok) return trustee;
  const shares = arrayField(o.value.shares, `${what}.shares`, MAX_TRUSTEES, (x) =>
    encryptedShareFromJson(G, x),
  );
  if (!shares.ok) return shares;
  if (shares.value.some((s) => s.from !== trustee.value))
    return fail('ENCODING_INVALID', `${what}: every share must come from trustee ${trustee.value}`);
  const inc = increasing(
    shares.value.map((s) => s.to),
    `${what}.shares recipients`,
  );
  if (!inc.ok) return inc;
  return ok({ trustee: trustee.value, shares: shares.value });
}

/** JSON form of a complaint record. */
export function complaintBodyToJson<E>(G: Group<E>, b: ComplaintBody<E>): JsonObject {
  return { complaints: b.complaints.map((c) => shareComplaintToJson(G, c)), trustee: b.trustee };
}

/** Strict decoder of a complaint record: every complaint is by `trustee`, dealers strictly increase. */
export function complaintBodyFromJson<E>(G: Group<E>, v: unknown): Result<ComplaintBody<E>> {
  const what = 'trustee_complaint';
  const o = exactKeys(v, ['trustee', 'complaints'], what);
  if (!o.ok) return o;
  const trustee = smallIntField(o.value, 'trustee', what, 1, MAX_TRUSTEES);
  if (!trustee.ok) return trustee;
  const complaints = arrayField(o.value.complaints, `${what}.complaints`, MAX_TRUSTEES, (x) =>
    shareComplaintFromJson(G, x),
  );
  if (!complaints.ok) return complaints;
  if (complaints.value.some((c) => c.to !== trustee.value || c.from === trustee.value))
    return fail(
      'ENCODING_INVALID',
      `${what}: every complaint must be by trustee ${trustee.value} about another`,
    );
  const inc = increasing(
    complaints.value.map((c) => c.from),
    `${what}.complaints dealers`,
  );
  if (!inc.ok) return inc;
  return ok({ trustee: trustee.value, complaints: complaints.value });
}

/** JSON form of a confirmation. */
export function readyBodyToJson<E>(G: Group<E>, b: ReadyBody<E>): JsonObject {
  return {
    proof: schnorrProofToJson(G, b.proof),
    trustee: b.trustee,
    verification_key: G.toJson(b.verificationKey),
  };
}

/** Strict decoder of a confirmation. */
export function readyBodyFromJson<E>(G: Group<E>, v: unknown): Result<ReadyBody<E>> {
  const what = 'trustee_ready';
  const o = exactKeys(v, ['trustee', 'verification_key', 'proof'], what);
  if (!o.ok) return o;
  const trustee = smallIntField(o.value, 'trustee', what, 1, MAX_TRUSTEES);
  if (!trustee.ok) return trustee;
  const vk = elementField(G, o.value, 'verification_key', what);
  if (!vk.ok) return vk;
  const proof = schnorrProofFromJson(G, o.value.proof);
  if (!proof.ok) return within(`${what}.proof`, proof);
  return ok({ trustee: trustee.value, verificationKey: vk.value, proof: proof.value });
}
