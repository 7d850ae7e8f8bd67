/**
 * Row types of the ballot box's own tables (both dialects), as Kysely sees them. They live in the node's
 * database beside the ledger tables, under their own migration history (`box_migration`).
 */
import type { Generated } from 'kysely';

/** What a stored record is: a cast for counting, or a Benaloh audit that spoils its ballot. */
export type BoxRecordKind = 'cast' | 'audit';

/** Where a record is on its way to the ledger: waiting, in a block, or refused by the ledger's rules. */
export type ForwardState = 'pending' | 'included' | 'refused';

/** One accepted cast or audit. A (voter key, ballot id) pair has at most one record: cast or audited, never both. */
export type BoxRecordsTable = {
  /** Acceptance order. */
  seq: Generated<number>;
  /** Tracker of the cast (hex SHA-256 of its canonical JSON). */
  tracker: string;
  voter_key: string;
  ballot_id: string;
  kind: BoxRecordKind;
  /** Canonical JSON of the cast (kind `cast`) or of the audit record (kind `audit`). */
  json: string;
  /** Canonical JSON of the signed receipt (casts only). */
  receipt: string | null;
  /** Box clock at acceptance, milliseconds since the epoch. */
  received_at: number | string;
  /** Set when a later cast of the same key replaced this one (revote policy `last`). */
  superseded: number;
  forward_state: ForwardState;
  /** Id of the ledger transaction that carries the record, once built. */
  tx_id: string | null;
  /** Why the ledger refused the transaction (`CODE: sentence`), when it did. */
  forward_error: string | null;
};

/** The running encrypted sum: one row (`id` = 1). */
export type BoxSumTable = {
  id: number;
  /** Casts accepted. */
  count: number;
  /** JSON `[[ct, …], …]`: per question, per option, the sum of every accepted cast's ciphertext. */
  sum: string;
  /** Casts superseded by a later cast of the same key (policy `last`). */
  superseded_count: number;
  /** The sum of the superseded casts' ciphertexts, same shape. */
  superseded_sum: string;
};

/** Key–value facts about the box (e.g. which election its records belong to). */
export type BoxMetaTable = {
  key: string;
  value: string;
};

/** The ballot box's tables. */
export type BallotBoxDatabase = {
  box_records: BoxRecordsTable;
  box_sum: BoxSumTable;
  box_meta: BoxMetaTable;
};
