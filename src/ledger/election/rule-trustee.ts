/**
 * Ceremony transactions: `trustee_announcement`, `trustee_shares`, `trustee_complaint`, `trustee_ready`
 * (k-of-n), `trustee_key` (n-of-n), `paillier_key` (Paillier). Body = the ceremony record body of
 * docs/ceremony.md. The author must be a trustee of the election (its key maps to its index); the
 * ceremony's state machine, fed the counted records plus this one at its block time, must count it —
 * otherwise the record's error is the refusal (`RECORD_LATE`, `RECORD_DUPLICATE`, `ANNOUNCEMENT_INVALID`, …
 * in the message; `KEY_INVALID` or the decoder's code as the code where there is one).
 */
import { isJsonObject } from '../../crypto/encoding/canonical-json.js';
import { OK } from '../../crypto/result.js';
import { type LedgerRecord, RECORD_TYPES, signerOf } from '../../protocol/ceremony/record.js';
import type { TxContext, TxRule } from '../authority/registry.js';
import { type Tx, txId } from '../authority/tx.js';
import { type LedgerResult, lfail } from '../errors.js';
import { errorAt, recordFailure, requireSetup, txMemo } from './common.js';
import type { CeremonyView } from './crypto.js';
import type { ElectionLedgerState } from './state.js';

/** The ceremony transaction types. */
export const CEREMONY_TX_TYPES = [
  RECORD_TYPES.announcement,
  RECORD_TYPES.shares,
  RECORD_TYPES.complaint,
  RECORD_TYPES.ready,
  RECORD_TYPES.trusteeKey,
  RECORD_TYPES.paillierKey,
] as const;

interface Counted {
  readonly records: readonly LedgerRecord[];
  readonly view: CeremonyView;
}

/** The rule of one ceremony transaction type. */
export function trusteeRule(type: (typeof CEREMONY_TX_TYPES)[number]): TxRule<ElectionLedgerState> {
  const memo = txMemo<LedgerResult<Counted>>();
  const read = (s: ElectionLedgerState, tx: Tx, at: TxContext) =>
    memo(s, tx, at, (): LedgerResult<Counted> => {
      // 1. An election whose ceremony has records of this type.
      const setup = requireSetup(s);
      if (!setup.ok) return setup;
      const { crypto, definition } = setup.value;
      if (!crypto.ceremonyTypes.includes(type))
        return lfail('TX_NOT_ALLOWED', `the ${crypto.kind} ceremony of this election has no ${type} records`);
      // 2. The author is a trustee.
      const signer = signerOf(definition.trustees.members, tx.author);
      if (signer === null)
        return lfail('TX_NOT_ALLOWED', `the author of ${type} is no trustee of the election`);
      // 3. The state machine counts it after the records already counted.
      const records = [...s.ceremony, { type, body: tx.body, signer, time: at.time, id: txId(tx) }];
      const view = crypto.ceremony(records, at.time);
      const e = errorAt(view.errors, records.length - 1);
      return e ? recordFailure(e) : { ok: true, value: { records, view } };
    });
  return {
    type,
    checkBody: (body) => (isJsonObject(body) ? OK : lfail('TX_INVALID', `a ${type} body is a JSON object`)),
    allowed(s, tx, at) {
      const r = read(s, tx, at);
      return r.ok ? OK : r;
    },
    apply(s, tx, at) {
      const r = read(s, tx, at);
      return r.ok ? { ...s, ceremony: r.value.records, ceremonyView: r.value.view, time: at.time } : s;
    },
  };
}
