/**
 * Eligibility transactions, posted by the registrar while the election is not closed:
 * - `voter_keys` (identity-keys mode): body = the `voter_keys` record (eligible keys and their boxes);
 * - `token_issued` (blind-token mode): body = the `token_issued` record (running total of tokens).
 * The election's eligibility checker applies the record (`ELIGIBILITY_INVALID` for a record of the other
 * mode, a key listed twice, more keys than the roll, a total that does not grow; `SIGNATURE_INVALID`).
 */
import { isJsonObject } from '../../crypto/encoding/canonical-json.js';
import { OK, type Result } from '../../crypto/result.js';
import { TOKEN_ISSUED_TX } from '../../protocol/eligibility/blind-tokens.js';
import { VOTER_KEYS_TX } from '../../protocol/eligibility/identity-keys.js';
import type { TxContext, TxRule } from '../authority/registry.js';
import type { Tx } from '../authority/tx.js';
import { type LedgerResult, lfail } from '../errors.js';
import { isClosed, requireRegistrar, requireSetup, txMemo } from './common.js';
import type { ElectionLedgerState } from './state.js';

/** The rule of `voter_keys` or `token_issued`. */
export function eligibilityRule(
  type: typeof VOTER_KEYS_TX | typeof TOKEN_ISSUED_TX,
): TxRule<ElectionLedgerState> {
  const memo = txMemo<LedgerResult<unknown>>();
  const next = (s: ElectionLedgerState, tx: Tx, at: TxContext) =>
    memo(s, tx, at, (): LedgerResult<unknown> => {
      // 1. An election that is not closed, and the registrar as author.
      const setup = requireSetup(s);
      if (!setup.ok) return setup;
      if (isClosed(s, setup.value, at.time))
        return lfail('TX_NOT_ALLOWED', `the election is closed: no more ${type}`);
      const reg = requireRegistrar(setup.value, tx);
      if (!reg.ok) return reg;
      // 2. The mode's checker applies the record.
      const r: Result<unknown> = setup.value.eligibility.apply(s.eligibility, type, tx.body);
      return r;
    });
  return {
    type,
    checkBody: (body) =>
      isJsonObject(body) ? OK : lfail('ELIGIBILITY_INVALID', `a ${type} body is a JSON object`),
    allowed(s, tx, at) {
      const r = next(s, tx, at);
      return r.ok ? OK : r;
    },
    apply(s, tx, at) {
      const r = next(s, tx, at);
      return r.ok ? { ...s, eligibility: r.value, time: at.time } : s;
    },
  };
}

/** `voter_keys`. */
export const voterKeysRule = (): TxRule<ElectionLedgerState> => eligibilityRule(VOTER_KEYS_TX);
/** `token_issued`. */
export const tokenIssuedRule = (): TxRule<ElectionLedgerState> => eligibilityRule(TOKEN_ISSUED_TX);
