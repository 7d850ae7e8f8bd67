/**
 * The Paillier key record: the single key holder posts `paillier_key`
 * `{"trustee": h, "public_key": {"n": n}, "proof": {"roots": [ρ_0, …]}}`.
 *
 * What is checked (and so proven to everyone): n is odd, has at least `minBits` bits and no prime
 * factor below 1000 (`paillierPublicKey`), and the key holder knows n-th roots of hash-derived values,
 * which proves gcd(n, φ(n)) = 1 (`checkKeyWellFormed`) — the property that makes every published
 * decryption (m, r) unique, so a decryption anyone checks cannot be forged. What is not proven: that n
 * has exactly two prime factors or that they are of equal size; the key holder could weaken its own key,
 * which only harms ballot secrecy, never the correctness of the checked counts.
 */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import {
  checkKeyWellFormed,
  keyProofFromJson,
  keyProofToJson,
  type PaillierKeyProof,
  proveKeyWellFormed,
} from '../../crypto/paillier/key-proof.js';
import {
  PAILLIER_MIN_BITS,
  type PaillierPublicKey,
  type PaillierSecretKey,
  publicKeyFromJson,
  publicKeyToJson,
} from '../../crypto/paillier/keys.js';
import type { Paillier } from '../../crypto/paillier/scheme.js';
import { exactKeys, smallIntField } from '../../crypto/proofs/decode.js';
import type { ProofContext } from '../../crypto/proofs/fiat-shamir.js';
import { ok, type Result, within } from '../../crypto/result.js';
import { MAX_TRUSTEES } from '../../crypto/threshold/context.js';
import { type RecordError, recordError } from './errors.js';
import { type LedgerRecord, RECORD_TYPES, recordAt } from './record.js';

/** The body of `paillier_key`. */
export interface PaillierKeyBody {
  readonly trustee: number;
  readonly publicKey: PaillierPublicKey;
  readonly proof: PaillierKeyProof;
}

/** Who holds the key, the smallest modulus accepted, and an optional deadline (ledger milliseconds). */
export interface PaillierKeyParams {
  readonly holder: number;
  readonly minBits?: number;
  readonly deadline?: number;
}

/** State of the Paillier key: waiting for the holder, done with its public key, or failed. */
export interface PaillierKeyState {
  readonly phase: 'announcing' | 'done' | 'failed';
  readonly failure?: string;
  readonly publicKey?: PaillierPublicKey;
  readonly errors: readonly RecordError[];
}

/** JSON form of a `paillier_key` body. */
export function paillierKeyBodyToJson(b: PaillierKeyBody): JsonObject {
  return { proof: keyProofToJson(b.proof), public_key: publicKeyToJson(b.publicKey), trustee: b.trustee };
}

/** The key holder's `paillier_key` body: its public key with the proof that gcd(n, φ(n)) = 1. */
export function paillierKeyBody(
  P: Paillier,
  sk: PaillierSecretKey,
  ctx: ProofContext,
  holder: number,
): JsonObject {
  return paillierKeyBodyToJson({
    trustee: holder,
    publicKey: sk.publicKey,
    proof: proveKeyWellFormed(P, sk, ctx),
  });
}

/** Strict decoder of a `paillier_key` body (the modulus rules of `paillierPublicKey` included). */
export function paillierKeyBodyFromJson(v: unknown, minBits = PAILLIER_MIN_BITS): Result<PaillierKeyBody> {
  const what = 'paillier_key';
  const o = exactKeys(v, ['trustee', 'public_key', 'proof'], what);
  if (!o.ok) return o;
  const trustee = smallIntField(o.value, 'trustee', what, 1, MAX_TRUSTEES);
  if (!trustee.ok) return trustee;
  const publicKey = publicKeyFromJson(o.value.public_key, minBits);
  if (!publicKey.ok) return within(`${what}.public_key`, publicKey);
  const proof = keyProofFromJson(o.value.proof);
  if (!proof.ok) return within(`${what}.proof`, proof);
  return ok({ trustee: trustee.value, publicKey: publicKey.value, proof: proof.value });
}

/** Reads `paillier_key` records in ledger order: the holder's first valid key counts. */
export function paillierKeyState(
  P: Paillier,
  ctx: ProofContext,
  params: PaillierKeyParams,
  records: readonly LedgerRecord[],
  now?: number,
): PaillierKeyState {
  const errors: RecordError[] = [];
  let publicKey: PaillierPublicKey | undefined;
  const expired = (t: number | undefined): boolean =>
    params.deadline !== undefined && t !== undefined && t >= params.deadline;
  let closed = false;
  const read = (r: LedgerRecord, index: number): void => {
    const at = recordAt(r, index);
    closed ||= publicKey === undefined && expired(r.time);
    // 1. Type, phase, body, signer, duplicate.
    if (r.type !== RECORD_TYPES.paillierKey)
      return void errors.push(recordError(at, 'RECORD_TYPE', `${r.type} is not a Paillier key record`));
    if (closed) return void errors.push(recordError(at, 'RECORD_LATE', 'the key deadline has passed'));
    const body = paillierKeyBodyFromJson(r.body, params.minBits);
    if (!body.ok) return void errors.push(recordError(at, 'RECORD_MALFORMED', 'paillier_key body', body));
    if (r.signer === null || r.signer !== body.value.trustee || body.value.trustee !== params.holder)
      return void errors.push(
        recordError(at, 'RECORD_SIGNER', `only trustee ${params.holder} holds the Paillier key`),
      );
    if (publicKey !== undefined)
      return void errors.push(recordError(at, 'RECORD_DUPLICATE', 'the Paillier key is already posted'));
    // 2. The proof that gcd(n, φ(n)) = 1.
    const c = checkKeyWellFormed(P, body.value.publicKey, ctx, body.value.proof);
    if (!c.ok) return void errors.push(recordError(at, 'KEY_INVALID', 'Paillier key proof', c));
    publicKey = body.value.publicKey;
  };
  for (const [index, r] of records.entries()) read(r, index);
  if (publicKey !== undefined) return { phase: 'done', publicKey, errors };
  if (closed || expired(now))
    return { phase: 'failed', failure: 'the key holder posted no valid key', errors };
  return { phase: 'announcing', errors };
}
