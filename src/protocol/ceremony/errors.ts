/**
 * Why a ceremony or decryption record was not counted. Every problem the state machines find is reported
 * as a {@link RecordError} naming the record (its position in ledger order and, when known, its
 * transaction id) and the trustee that posted it; the record then changes nothing.
 */
import type { ErrorCode, Failure } from '../../crypto/result.js';

/** Stable codes of ceremony and decryption record errors (documented in docs/ceremony.md). */
export const RECORD_ERROR_CODES = [
  'RECORD_TYPE', // not a record type of this ceremony
  'RECORD_MALFORMED', // the body does not decode (the crypto code is kept in `cause`)
  'RECORD_SIGNER', // the author is no trustee of this ceremony, or not the trustee the body names
  'RECORD_DUPLICATE', // the trustee already has a counted record of this type
  'RECORD_EARLY', // the ceremony has not reached the phase this record belongs to
  'RECORD_LATE', // the phase this record belongs to is over
  'ANNOUNCEMENT_INVALID', // a round-1 announcement whose proofs or sizes do not check
  'SHARES_INVALID', // a dealing that does not address exactly the announced trustees
  'READY_INVALID', // a confirmation whose key or proof does not match the trustee's share
  'KEY_INVALID', // an n-of-n trustee key or a Paillier key that does not check
  'TRUSTEE_EXCLUDED', // the trustee is disqualified or excluded, so its record is ignored
  'DECRYPTION_INVALID', // a decryption record whose proofs do not check against the tally
] as const;

/** A stable record error code; see {@link RECORD_ERROR_CODES}. */
export type RecordErrorCode = (typeof RECORD_ERROR_CODES)[number];

/** A record that was not counted, and why. */
export interface RecordError {
  /** Position of the record in the list given to the state machine (ledger order). */
  readonly record: number;
  /** The record's transaction id, when the caller gave one. */
  readonly id?: string;
  /** The trustee who posted it (its signer), or null when the author is no trustee. */
  readonly trustee: number | null;
  readonly code: RecordErrorCode;
  /** The crypto-layer code behind a malformed body or failed proof, when there is one. */
  readonly cause?: ErrorCode;
  readonly message: string;
}

/** Builds a record error; `failure` supplies `cause` and completes the message. */
export function recordError(
  at: { readonly index: number; readonly id?: string | undefined; readonly signer: number | null },
  code: RecordErrorCode,
  message: string,
  failure?: Failure,
): RecordError {
  return {
    record: at.index,
    ...(at.id === undefined ? {} : { id: at.id }),
    trustee: at.signer,
    code,
    ...(failure === undefined ? {} : { cause: failure.code }),
    message: failure === undefined ? message : `${message}: ${failure.message}`,
  };
}
