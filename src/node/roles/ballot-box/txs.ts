/**
 * The ledger transactions a box signs for its records: `ballot` with body `{box, cast, receipt}` for a
 * cast, `audit` with the audit record as body. With the `alter` fault the cast is changed first (the
 * first two selections of the first question swapped, so the vote moves to another option) and a receipt
 * is signed for the altered version; the voter's signature then no longer matches, and the ledger and the
 * tally refuse the record.
 */
import type { JsonObject, JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { isJsonObject, parseJson } from '../../../crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../../crypto/encoding/hash.js';
import type { Ed25519 } from '../../../crypto/sig/ed25519.js';
import { signTx, type Tx } from '../../../ledger/authority/tx.js';
import { AUDIT_TX } from '../../../ledger/election/rule-audit.js';
import { BALLOT_TX, ballotBody } from '../../../ledger/election/rule-ballot.js';
import { createReceipt, receiptToJson } from '../../../protocol/cast/receipt.js';
import type { RecordRow } from '../../../store/ballot-box/records.js';
import type { NodeIdentity } from '../../keys.js';

/** What signing a record's transaction needs. */
export interface TxSigner {
  readonly ed: Ed25519;
  readonly identity: NodeIdentity;
  /** Genesis id of the ledger. */
  readonly chain: string;
  readonly box: string;
  /** Forward altered casts (fault injection). */
  readonly alter: boolean;
}

function json(text: string): JsonObject {
  const v = parseJson(text);
  // The box stored this text itself after checking it; anything else is a damaged database.
  if (!v.ok || !isJsonObject(v.value)) throw new Error('a stored record is not a JSON object');
  return v.value;
}

/** A copy of `cast` whose first question has its first two selections swapped. */
export function alteredCast(cast: JsonObject): JsonObject {
  const ballot = cast.ballot as { questions: { selections: JsonValue[]; limit: JsonValue }[] };
  const [q0, ...rest] = ballot.questions;
  if (q0 === undefined || q0.selections.length < 2) return cast;
  const [s0, s1, ...others] = q0.selections;
  const questions = [{ ...q0, selections: [s1!, s0!, ...others] }, ...rest];
  return { ...cast, ballot: { ...ballot, questions } as unknown as JsonObject };
}

/**
 * The signed transaction carrying a stored record. `parsed` is the record's JSON when the box still holds
 * it in memory (it saves parsing the stored text again).
 */
export function recordTx(s: TxSigner, row: RecordRow, parsed?: JsonObject): Tx {
  const author = s.identity.publicKey;
  const record = parsed ?? json(row.json);
  if (row.kind === 'audit')
    return signTx(s.ed, s.identity.secretKey, { type: AUDIT_TX, author, chain: s.chain, body: record });
  let cast = record;
  let receipt = json(row.receipt ?? 'null');
  if (s.alter) {
    cast = alteredCast(cast);
    const tracker = hashJsonHex(cast);
    receipt = receiptToJson(
      createReceipt(s.ed, s.identity.secretKey, { tracker, box: s.box, received_at: row.received_at }),
    );
  }
  const body = ballotBody(s.box, cast, receipt);
  return signTx(s.ed, s.identity.secretKey, { type: BALLOT_TX, author, chain: s.chain, body });
}
