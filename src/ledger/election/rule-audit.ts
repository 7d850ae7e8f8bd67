/**
 * `audit`: a spoiled ballot with its revealed plaintext and randomness (Benaloh challenge). Body = the
 * audit record of docs/election.md §6, signed by the cast's voting key; anyone may post it. Allowed while
 * the election is not closed (an audit after the close would change the fixed ballot set) and once the
 * election key exists; `checkAudit` must pass (`AUDIT_INVALID`, the cast's codes, `SIGNATURE_INVALID`,
 * re-encryption codes); a ballot is audited once (`AUDIT_INVALID`).
 */
import { isJsonObject } from '../../crypto/encoding/canonical-json.js';
import { OK, within } from '../../crypto/result.js';
import { type CheckedAudit, checkAudit } from '../../protocol/cast/audit.js';
import type { TxRule } from '../authority/registry.js';
import { type Tx, txId } from '../authority/tx.js';
import { type LedgerResult, lfail } from '../errors.js';
import { isClosed, requireKey, requireSetup, txMemo } from './common.js';
import { hexGet, hexSet } from './hex-map.js';
import { pAppend } from './plist.js';
import type { ElectionLedgerState } from './state.js';

/** Transaction type of audits. */
export const AUDIT_TX = 'audit';

/** The rule of `audit`. */
export function auditRule(): TxRule<ElectionLedgerState> {
  const memo = txMemo<LedgerResult<CheckedAudit>>();
  const check = (s: ElectionLedgerState, tx: Tx, time: number): LedgerResult<CheckedAudit> => {
    // 1. An open election with its key.
    const setup = requireSetup(s);
    if (!setup.ok) return setup;
    if (isClosed(s, setup.value, time))
      return lfail('TX_NOT_ALLOWED', 'the election is closed: no more audits');
    const key = requireKey(s, setup.value, time);
    if (!key.ok) return key;
    // 2. The audit record itself.
    const a = checkAudit(key.value.cast, tx.body);
    if (!a.ok) return within('audit', a);
    // 3. Once per ballot.
    const entry = hexGet(s.keys, a.value.cast.voter_key);
    if (entry?.audited.includes(a.value.cast.ballot_id))
      return lfail('AUDIT_INVALID', 'this ballot was already audited');
    return a;
  };
  return {
    type: AUDIT_TX,
    checkBody: (body) => (isJsonObject(body) ? OK : lfail('AUDIT_INVALID', 'an audit body is a JSON object')),
    allowed(s, tx, at) {
      const r = memo(s, tx, at, () => check(s, tx, at.time));
      return r.ok ? OK : r;
    },
    apply(s, tx, at) {
      const r = memo(s, tx, at, () => check(s, tx, at.time));
      if (!r.ok) return s;
      const { cast, tracker, plaintext } = r.value;
      const entry = hexGet(s.keys, cast.voter_key) ?? { ballots: [], audited: [] };
      const keys = hexSet(s.keys, cast.voter_key, { ...entry, audited: [...entry.audited, cast.ballot_id] });
      const audits = pAppend(s.audits, {
        txId: txId(tx),
        height: at.height,
        voter_key: cast.voter_key,
        ballot_id: cast.ballot_id,
        tracker,
        plaintext,
      });
      return { ...s, keys, audits, time: at.time };
    },
  };
}
