/**
 * Tally decryption transactions, posted by trustees after the `close`:
 * - `partial_decryption` (ElGamal): body = trustee l's tally share (docs/ceremony.md §1.7);
 * - `paillier_decryption` (Paillier): body = the key holder's openings (§1.8).
 * The author must be a trustee; the decryption state machine, fed the counted records plus this one over
 * the tally fixed by the close, must accept it. A wrong share is refused with `DECRYPTION_INVALID` and a
 * message naming the trustee and the failing entry; a repeat by a trustee whose share counted is refused
 * (`RECORD_DUPLICATE` in the message).
 */
import { isJsonObject } from '../../crypto/encoding/canonical-json.js';
import { OK } from '../../crypto/result.js';
import { type LedgerRecord, RECORD_TYPES, signerOf } from '../../protocol/ceremony/record.js';
import type { TxRule } from '../authority/registry.js';
import { type Tx, txId } from '../authority/tx.js';
import { type LedgerResult, lfail } from '../errors.js';
import { errorAt, recordFailure, requireKey, requireSetup, txMemo } from './common.js';
import type { DecryptionView } from './crypto.js';
import type { ElectionLedgerState } from './state.js';

/** The decryption transaction types. */
export const DECRYPTION_TX_TYPES = [RECORD_TYPES.partialDecryption, RECORD_TYPES.paillierDecryption] as const;

interface Read {
  readonly records: readonly LedgerRecord[];
  readonly view: DecryptionView;
}

/** The rule of one decryption transaction type. */
export function decryptionRule(type: (typeof DECRYPTION_TX_TYPES)[number]): TxRule<ElectionLedgerState> {
  const memo = txMemo<LedgerResult<Read>>();
  const read = (s: ElectionLedgerState, tx: Tx, time: number): LedgerResult<Read> => {
    // 1. A closed election that decrypts with this type.
    const setup = requireSetup(s);
    if (!setup.ok) return setup;
    const { crypto, definition } = setup.value;
    if (crypto.decryptionType !== type)
      return lfail('TX_NOT_ALLOWED', `this election decrypts with ${crypto.decryptionType}, not ${type}`);
    if (!s.closing)
      return lfail('TX_NOT_ALLOWED', 'the election is not closed: there is no tally to decrypt');
    const key = requireKey(s, setup.value, time);
    if (!key.ok) return key;
    // 2. The author is a trustee.
    const signer = signerOf(definition.trustees.members, tx.author);
    if (signer === null)
      return lfail('TX_NOT_ALLOWED', `the author of ${type} is no trustee of the election`);
    // 3. The decryption state accepts it after the records already counted.
    const records = [...s.decryptions, { type, body: tx.body, signer, time, id: txId(tx) }];
    const ballots = s.closing.selection.counted.length;
    const view = key.value.decrypt(s.closing.tally, records, ballots);
    const e = errorAt(view.errors, records.length - 1);
    return e ? recordFailure(e) : { ok: true, value: { records, view } };
  };
  return {
    type,
    checkBody: (body) =>
      isJsonObject(body) ? OK : lfail('DECRYPTION_INVALID', `a ${type} body is a JSON object`),
    allowed(s, tx, at) {
      const r = memo(s, tx, at, () => read(s, tx, at.time));
      return r.ok ? OK : r;
    },
    apply(s, tx, at) {
      const r = memo(s, tx, at, () => read(s, tx, at.time));
      return r.ok ? { ...s, decryptions: r.value.records, decryption: r.value.view, time: at.time } : s;
    },
  };
}
