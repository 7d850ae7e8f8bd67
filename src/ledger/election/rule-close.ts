/**
 * `close`: ends the voting and fixes the ballot set and the encrypted tally. Body `{"election":
 * fingerprint}`. The registrar may close once voting has opened; anyone may close at or after
 * `closes_at` (block time) — the automatic close. Once only, and only when the key ceremony is done
 * (otherwise there is nothing to tally).
 */
import { OK } from '../../crypto/result.js';
import { readHex32, readObject } from '../../protocol/election/fields.js';
import type { TxRule } from '../authority/registry.js';
import { type Tx, txId } from '../authority/tx.js';
import { type LedgerResult, lfail } from '../errors.js';
import { requireKey, requireSetup } from './common.js';
import type { ElectionKey } from './crypto.js';
import { countedOf } from './selection.js';
import type { ElectionLedgerState, ElectionSetup } from './state.js';

/** Transaction type of the close. */
export const CLOSE_TX = 'close';

function readCloseBody(v: unknown): LedgerResult<string> {
  const o = readObject('ELECTION_INVALID', v, 'close', ['election']);
  if (!o.ok) return o;
  return readHex32('ELECTION_INVALID', o.value.election, 'close.election');
}

function check(
  s: ElectionLedgerState,
  tx: Tx,
  time: number,
): LedgerResult<{ setup: ElectionSetup; key: ElectionKey }> {
  // 1. This election, not closed yet.
  const setup = requireSetup(s);
  if (!setup.ok) return setup;
  const fp = readCloseBody(tx.body);
  if (!fp.ok) return fp;
  if (fp.value !== setup.value.fingerprint)
    return lfail('ELECTION_INVALID', 'close.election is not this election');
  if (s.closing) return lfail('TX_NOT_ALLOWED', 'the election is already closed');
  // 2. The registrar after the opening, anyone after the closing time.
  const { schedule, registrar } = setup.value.definition;
  if (time < schedule.closes_at) {
    if (tx.author !== registrar)
      return lfail('TX_NOT_ALLOWED', 'before closes_at only the registrar may close');
    if (time < schedule.opens_at) return lfail('TX_NOT_ALLOWED', 'voting has not opened yet');
  }
  // 3. An election key, hence a tally.
  const key = requireKey(s, setup.value, time);
  if (!key.ok) return key;
  return { ok: true, value: { setup: setup.value, key: key.value } };
}

/** The rule of `close`. */
export function closeRule(): TxRule<ElectionLedgerState> {
  return {
    type: CLOSE_TX,
    checkBody: (body) => {
      const b = readCloseBody(body);
      return b.ok ? OK : b;
    },
    allowed(s, tx, at) {
      const c = check(s, tx, at.time);
      return c.ok ? OK : c;
    },
    apply(s, tx, at) {
      const c = check(s, tx, at.time);
      if (!c.ok) return s;
      const { selection, tally } = countedOf(s, c.value.setup, c.value.key);
      const closing = {
        txId: txId(tx),
        author: tx.author,
        height: at.height,
        time: at.time,
        selection,
        tally,
      };
      return { ...s, closing, time: at.time };
    },
  };
}
