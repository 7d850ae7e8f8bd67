/**
 * Paillier tally decryption (seed 001): the key holder posts one `paillier_decryption` record
 * `{"trustee": h, "decryptions": [[{"m": count, "r": r′}, …], …]}` — per question and option the count
 * and the randomness that opens the tally ciphertext. Anyone checks c ≡ (1 + m·n)·r′^n (mod n²) for each
 * (`checkDecryption`), which with a key proven well formed (`paillier_key`) fixes m uniquely, and that no
 * count exceeds the number of counted ballots. The holder's first valid record counts; a rejected one is
 * named, and since nobody else can decrypt, the holder may post again.
 */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import {
  checkDecryption,
  decryptionProofFromJson,
  decryptionProofToJson,
  type PaillierDecryptionProof,
  proveDecryption,
} from '../../crypto/paillier/decryption.js';
import type { PaillierPublicKey, PaillierSecretKey } from '../../crypto/paillier/keys.js';
import type { Paillier, PaillierCiphertext } from '../../crypto/paillier/scheme.js';
import { exactKeys, smallIntField } from '../../crypto/proofs/decode.js';
import { type Check, fail, OK, ok, type Result, within } from '../../crypto/result.js';
import { MAX_TRUSTEES } from '../../crypto/threshold/context.js';
import type { EncryptedTally } from '../tally.js';
import { type RecordError, recordError } from './errors.js';
import { type LedgerRecord, RECORD_TYPES, recordAt } from './record.js';

/** Most questions or options per question a decryption record may list. */
const MAX_ENTRIES = 1000;

/** The body of `paillier_decryption`. */
export interface PaillierDecryptionBody {
  readonly trustee: number;
  readonly decryptions: readonly (readonly PaillierDecryptionProof[])[];
}

/** The key holder decrypts every tally ciphertext with its opening. */
export function decryptPaillierTally(
  P: Paillier,
  sk: PaillierSecretKey,
  holder: number,
  tally: EncryptedTally<PaillierCiphertext>,
): PaillierDecryptionBody {
  return { trustee: holder, decryptions: tally.map((row) => row.map((c) => proveDecryption(P, sk, c))) };
}

/** JSON form of a `paillier_decryption` body. */
export function paillierDecryptionToJson(b: PaillierDecryptionBody): JsonObject {
  return { decryptions: b.decryptions.map((row) => row.map(decryptionProofToJson)), trustee: b.trustee };
}

/** Strict decoder of a `paillier_decryption` body (shape only; {@link checkPaillierDecryption} checks values). */
export function paillierDecryptionFromJson(v: unknown): Result<PaillierDecryptionBody> {
  const what = 'paillier_decryption';
  const o = exactKeys(v, ['trustee', 'decryptions'], what);
  if (!o.ok) return o;
  const trustee = smallIntField(o.value, 'trustee', what, 1, MAX_TRUSTEES);
  if (!trustee.ok) return trustee;
  const rows = o.value.decryptions;
  if (!Array.isArray(rows) || rows.length > MAX_ENTRIES)
    return fail('ENCODING_INVALID', `${what}.decryptions must be a list of at most ${MAX_ENTRIES} rows`);
  const decryptions: PaillierDecryptionProof[][] = [];
  for (let q = 0; q < rows.length; q++) {
    const row: unknown = rows[q];
    if (!Array.isArray(row) || row.length > MAX_ENTRIES)
      return fail('ENCODING_INVALID', `${what}.decryptions[${q}] must be a list of at most ${MAX_ENTRIES}`);
    const out: PaillierDecryptionProof[] = [];
    for (let i = 0; i < row.length; i++) {
      const d = decryptionProofFromJson(row[i]);
      if (!d.ok) return within(`${what}.decryptions[${q}][${i}]`, d);
      out.push(d.value);
    }
    decryptions.push(out);
  }
  return ok({ trustee: trustee.value, decryptions });
}

/** Checks a decryption record against the tally: shape, every opening, every count ≤ `ballots`. */
export function checkPaillierDecryption(
  P: Paillier,
  pk: PaillierPublicKey,
  tally: EncryptedTally<PaillierCiphertext>,
  body: PaillierDecryptionBody,
  ballots: number,
): Check {
  // 1. One row per question, one opening per option.
  if (body.decryptions.length !== tally.length)
    return fail(
      'DECRYPTION_INVALID',
      `the decryption has ${body.decryptions.length} rows, not ${tally.length}`,
    );
  for (let q = 0; q < tally.length; q++) {
    const row = body.decryptions[q]!;
    if (row.length !== tally[q]!.length)
      return fail(
        'DECRYPTION_INVALID',
        `decryption row ${q} has ${row.length} entries, not ${tally[q]!.length}`,
      );
    for (let o = 0; o < row.length; o++) {
      // 2. The opening (m, r′) of the tally ciphertext.
      const c = checkDecryption(P, pk, tally[q]![o]!, row[o]!);
      if (!c.ok) return within(`decryption [${q}][${o}]`, c);
      // 3. A count is at most the number of ballots summed.
      if (row[o]!.m > BigInt(ballots))
        return fail('DECRYPTION_INVALID', `decryption [${q}][${o}] exceeds the ${ballots} counted ballots`);
    }
  }
  return OK;
}

/** What the posted Paillier decryption establishes. */
export interface PaillierDecryptionState {
  /** Counts per question and option, once the holder's decryption checked. */
  readonly counts?: readonly (readonly bigint[])[];
  readonly errors: readonly RecordError[];
}

/** Reads `paillier_decryption` records in ledger order: the holder's first valid one gives the counts. */
export function paillierDecryptionState(
  P: Paillier,
  pk: PaillierPublicKey,
  holder: number,
  tally: EncryptedTally<PaillierCiphertext>,
  records: readonly LedgerRecord[],
  ballots: number,
): PaillierDecryptionState {
  const errors: RecordError[] = [];
  let counts: bigint[][] | undefined;
  const read = (r: LedgerRecord, index: number): void => {
    const at = recordAt(r, index);
    if (r.type !== RECORD_TYPES.paillierDecryption)
      return void errors.push(recordError(at, 'RECORD_TYPE', `${r.type} is not a Paillier decryption`));
    if (r.signer !== holder)
      return void errors.push(
        recordError(at, 'RECORD_SIGNER', `only trustee ${holder} holds the Paillier key`),
      );
    if (counts !== undefined)
      return void errors.push(recordError(at, 'RECORD_DUPLICATE', 'the tally is already decrypted'));
    const body = paillierDecryptionFromJson(r.body);
    if (!body.ok)
      return void errors.push(recordError(at, 'RECORD_MALFORMED', 'paillier_decryption body', body));
    if (body.value.trustee !== holder)
      return void errors.push(
        recordError(at, 'RECORD_SIGNER', `the body names trustee ${body.value.trustee}`),
      );
    const c = checkPaillierDecryption(P, pk, tally, body.value, ballots);
    if (!c.ok) return void errors.push(recordError(at, 'DECRYPTION_INVALID', 'Paillier decryption', c));
    counts = body.value.decryptions.map((row) => row.map((d) => d.m));
  };
  for (const [index, r] of records.entries()) read(r, index);
  return counts === undefined ? { errors } : { counts, errors };
}
