/**
 * Ledger records as the ceremony state machines see them: the transaction type and body, and what the
 * ledger established about it — which trustee signed it and when its block was made. The signature
 * envelope is the ledger's business: the caller maps the transaction's author key to a trustee index
 * (`signer`) using the election's trustee list, or passes `null` when the author is no trustee.
 */
import type { JsonValue } from '../../crypto/encoding/canonical-json.js';

/** Transaction types of the key ceremonies and of the tally decryption. */
export const RECORD_TYPES = {
  announcement: 'trustee_announcement',
  shares: 'trustee_shares',
  complaint: 'trustee_complaint',
  ready: 'trustee_ready',
  trusteeKey: 'trustee_key',
  paillierKey: 'paillier_key',
  partialDecryption: 'partial_decryption',
  paillierDecryption: 'paillier_decryption',
} as const;

/** One transaction's part that the ceremony reads. */
export interface LedgerRecord {
  /** Transaction type, e.g. `trustee_shares`. */
  readonly type: string;
  /** Transaction body (decoded strictly by the state machine). */
  readonly body: JsonValue;
  /** Trustee index of the authenticated author, or null when the author is no trustee. */
  readonly signer: number | null;
  /** Time of the record's block in milliseconds since the epoch (needed only with deadlines). */
  readonly time?: number;
  /** Transaction id, used to name the record in errors. */
  readonly id?: string;
}

/** Where a record sits, for error reports. */
export interface RecordAt {
  readonly index: number;
  readonly id?: string | undefined;
  readonly signer: number | null;
}

/** The position of `records[index]` for error reports. */
export function recordAt(r: LedgerRecord, index: number): RecordAt {
  return { index, id: r.id, signer: r.signer };
}

/**
 * The trustee index of a transaction author: the `index` of the election member whose Ed25519 key is
 * `author` (keys compared as lowercase hex), or null when the author is no trustee.
 */
export function signerOf(
  members: readonly { readonly index: number; readonly key: string }[],
  author: string,
): number | null {
  const key = author.toLowerCase();
  return members.find((m) => m.key.toLowerCase() === key)?.index ?? null;
}
