/**
 * Stable error codes of the ledger layer.
 *
 * Ledger checkers have the same shape as the crypto layer's {@link Result}: they never throw on bad input
 * and return a failure with a stable code and a sentence. A ledger failure may also carry any crypto
 * code (a bad signature inside a transaction stays `SIGNATURE_INVALID`).
 */
import type { ErrorCode, Success } from '../crypto/result.js';

/** Every stable error code the ledger adds to the crypto layer's codes. */
export const LEDGER_ERROR_CODES = [
  'BLOCK_INVALID', // the block envelope or its content has the wrong shape
  'BLOCK_TOO_LARGE', // canonical JSON of the block exceeds the size limit
  'BLOCK_POW_INVALID', // the block id does not start with `hardness` zero bits
  'BLOCK_PARENT_UNKNOWN', // the parent block is not known (yet)
  'BLOCK_LINK_INVALID', // in an export, parent_id is not the id of the previous block
  'BLOCK_REJECTED', // at least a quorum of validators rejected the block
  'BLOCK_HEIGHT_INVALID', // height is not parent height + 1
  'BLOCK_TIME_INVALID', // time goes backwards or is too far in the future
  'BLOCK_CONFLICTS_FINAL', // the block does not descend from the last final block
  'BLOCK_MINER_UNKNOWN', // the miner is not on the genesis allow-list
  'GENESIS_INVALID', // the genesis block or its content breaks the profile's rules
  'GENESIS_MISMATCH', // a block or export belongs to another ledger
  'TX_INVALID', // the transaction envelope has the wrong shape
  'TX_TOO_LARGE', // the transaction exceeds the size limit
  'TX_TYPE_UNKNOWN', // no rule is registered for the transaction type
  'TX_DUPLICATE', // the transaction is already on the chain, in the block or in the pool
  'TX_NOT_ALLOWED', // the registered rule refuses the transaction given the chain so far
  'MEMPOOL_FULL', // the pool of pending transactions is full
  'APPROVAL_INVALID', // an approval has the wrong shape or refers to the wrong block
  'APPROVAL_NOT_VALIDATOR', // the signer is not in the genesis validator set
  'APPROVAL_CONFLICT', // a validator signed two different verdicts, or approved two blocks at one height
  'APPROVAL_PARENT_PENDING', // a validator is asked to approve a block whose parent is not final yet
  'PHASE_INVALID', // runner profile: the content does not belong to the chain's current phase
  'EXPORT_INVALID', // an exported ledger file is malformed
  'MINING_ABORTED', // the proof-of-work search was aborted
  'MINING_EXHAUSTED', // the nonce range was searched without success
  'STORE_UNAVAILABLE', // the node's database cannot be reached or opened
  'STORE_MIGRATION_FAILED', // the node's database was reached but could not be migrated to the schema
] as const;

/** A code of the ledger layer. */
export type LedgerOnlyCode = (typeof LEDGER_ERROR_CODES)[number];

/** Any code a ledger function may return: its own or one of the crypto layer's. */
export type LedgerErrorCode = ErrorCode | LedgerOnlyCode;

/** A failed ledger check: a stable code plus a sentence saying what is wrong. */
export interface LedgerFailure {
  readonly ok: false;
  readonly code: LedgerErrorCode;
  readonly message: string;
}

/** Outcome of a ledger check that produces a value. */
export type LedgerResult<T> = Success<T> | LedgerFailure;

/** Outcome of a ledger check that produces no value. */
export type LedgerCheck = LedgerResult<true>;

/** Builds a ledger failure. */
export function lfail(code: LedgerErrorCode, message: string): LedgerFailure {
  return { ok: false, code, message };
}

/** Prefixes a failure's message with the place it concerns, keeping its code. */
export function lwithin(path: string, f: LedgerFailure): LedgerFailure {
  return { ok: false, code: f.code, message: `${path}: ${f.message}` };
}

/** Error thrown when a ledger API is misused by its caller (never for bad external input). */
export class LedgerUsageError extends Error {
  override readonly name = 'LedgerUsageError';
}
