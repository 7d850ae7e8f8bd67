/**
 * Stable error codes of the registrar, with their HTTP statuses. Registrar operations return
 * {@link RegResult}: a success, or a failure carrying a registrar code or any code of the lower layers
 * (`ENCODING_INVALID`, `KEY_INVALID`, `NOT_FOUND`, …).
 */
import type { Success } from '../../../crypto/result.js';
import type { AnyErrorCode } from '../../../net/errors.js';

/** Codes added by the registrar, with the status each is sent with. */
export const REGISTRAR_ERROR_STATUS = {
  LOGIN_FAILED: 401, // the login or the password is wrong (the same answer for an unknown login)
  ACCOUNT_LOCKED: 429, // too many failed logins for this login; retry after the lockout
  SESSION_INVALID: 401, // the session token is unknown, expired, or of the wrong stage
  TOTP_INVALID: 401, // the TOTP code is wrong or outside the time window
  TOTP_REPLAYED: 401, // the TOTP code (or an earlier one) was already used
  TOTP_NOT_PENDING: 409, // confirm without a started enrolment
  TOTP_ALREADY_ENROLLED: 409, // the account already has a second factor
  ADMIN_REQUIRED: 403, // the route needs an administrator session
  ROLL_INVALID: 400, // a CSV roll is malformed (the message names line and column)
  LOGIN_TAKEN: 409, // a login already exists (import, admin creation)
  NOT_ON_ROLL: 403, // the voter is not on the roll the election was created with
  REGISTRATION_CLOSED: 403, // outside the election's registration window
  MODE_MISMATCH: 409, // the route belongs to another eligibility mode than the election's
  ALREADY_REGISTERED: 409, // the voter already registered another key in this election
  KEY_TAKEN: 409, // another voter registered this voting key
  TOKEN_ALREADY_ISSUED: 409, // this login already received its voting token for this election
  ELECTION_EXISTS: 409, // an election with this id is already served
  VOTING_NOT_OPEN: 409, // an early close asked before voting opened (the ledger would refuse it)
  LEDGER_UNAVAILABLE: 503, // the node's ledger intake cannot be reached; nothing was kept, ask again
} as const;

/** A registrar code. */
export type RegistrarCode = keyof typeof REGISTRAR_ERROR_STATUS;

/** Every registrar code. */
export const REGISTRAR_ERROR_CODES = Object.keys(REGISTRAR_ERROR_STATUS) as RegistrarCode[];

/** Any code a registrar operation may fail with. */
export type RegCode = RegistrarCode | AnyErrorCode;

/** A refused registrar operation. Nothing was changed. */
export interface RegFailure {
  readonly ok: false;
  readonly code: RegCode;
  readonly message: string;
}

/** Outcome of a registrar operation. */
export type RegResult<T> = Success<T> | RegFailure;

/** Builds a failure. */
export function refuse(code: RegCode, message: string): RegFailure {
  return { ok: false, code, message };
}

/** True for the registrar's own codes. */
export function isRegistrarCode(code: string): code is RegistrarCode {
  return Object.hasOwn(REGISTRAR_ERROR_STATUS, code);
}
