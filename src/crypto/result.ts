/**
 * Typed results for everything that checks untrusted data.
 *
 * Checkers and decoders never throw on bad input: they return a {@link Failure}
 * carrying a stable machine-readable `code` and a sentence for people.
 * Codes are listed once, in {@link ERROR_CODES}, and documented in docs/crypto.md.
 */

/** Every stable error code produced by the crypto and protocol layers. */
export const ERROR_CODES = [
  'ENCODING_INVALID', // bytes/hex/JSON shape cannot be read at all
  'ENCODING_NONCANONICAL', // readable, but not the one canonical encoding
  'ELEMENT_INVALID', // not an element of the group (or the identity where forbidden)
  'SCALAR_INVALID', // not an integer in [0, q)
  'PROOF_INVALID', // a zero-knowledge proof does not verify
  'SIGNATURE_INVALID', // a signature does not verify
  'KEY_INVALID', // a public or private key is malformed
  'SHARE_INVALID', // a key-ceremony share does not match its commitments
  'CIPHERTEXT_INVALID', // a ciphertext is malformed or out of range
  'PARAMETER_INVALID', // a caller-supplied parameter is out of its documented range
  'DLOG_NOT_FOUND', // discrete log outside the searched bound
  'JSON_INVALID', // text is not strict JSON (syntax, duplicate keys, floats, lone surrogates)
  'MANIFEST_INVALID', // election manifest violates its rules
  'BALLOT_INVALID', // ballot structure does not match the manifest
  'SELECTION_INVALID', // voter choices violate the manifest
  'DECRYPTION_INVALID', // partial decryption or combination does not check
  'TOKEN_INVALID', // blind-signature token does not verify
  'ELECTION_INVALID', // election definition violates its rules
  'ELIGIBILITY_INVALID', // an eligibility record (voter keys, token count) is malformed or inconsistent
  'NOT_ELIGIBLE', // a voting key is not eligible (or not for this ballot box)
  'CAST_INVALID', // a cast-ballot envelope is malformed or for another election
  'RECEIPT_INVALID', // a ballot-box receipt is malformed or not signed by an allow-listed box
  'AUDIT_INVALID', // a Benaloh audit record is malformed
  'DOUBLE_VOTE', // the voting key already voted and the revote policy is "once"
  'ELECTION_CLOSED', // the election takes no ballots now (voting has not opened or has closed)
] as const;

/** A stable error code; see {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failed check: a stable code plus a sentence saying what is wrong. */
export interface Failure {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly message: string;
}

/** A successful result carrying a value. */
export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

/** Outcome of decoding or checking untrusted data. */
export type Result<T> = Success<T> | Failure;

/** Outcome of a check that produces no value. */
export type Check = Result<true>;

/** Wraps a value as a success. */
export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

/** The success of a check. */
export const OK: Success<true> = Object.freeze({ ok: true, value: true }) as Success<true>;

/** Builds a failure with a code and a sentence. */
export function fail(code: ErrorCode, message: string): Failure {
  return { ok: false, code, message };
}

/** Prefixes a failure's message with the path of the object it concerns, keeping its code. */
export function within(path: string, f: Failure): Failure {
  return { ok: false, code: f.code, message: `${path}: ${f.message}` };
}

/** Error thrown only for programmer errors (never for bad external input). */
export class CryptoUsageError extends Error {
  override readonly name = 'CryptoUsageError';
}

/** Thrown by `unwrap` when a result is a failure; carries the stable code. */
export class CheckFailedError extends Error {
  override readonly name = 'CheckFailedError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Returns the value of a success or throws {@link CheckFailedError}. For trusted paths and tests. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new CheckFailedError(r.code, r.message);
}
