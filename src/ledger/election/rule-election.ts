/**
 * `election`: the registrar named by the genesis posts the election definition (body = the definition
 * JSON of docs/election.md). Allowed once, only when the genesis does not carry the definition itself,
 * only by the genesis `registrar`, whose key must also be the definition's `registrar`.
 */
import { isJsonObject } from '../../crypto/encoding/canonical-json.js';
import { OK } from '../../crypto/result.js';
import type { TxRule } from '../authority/registry.js';
import { lfail } from '../errors.js';
import { txMemo } from './common.js';
import type { ElectionEnv } from './env.js';
import { defineElection } from './setup.js';
import type { ElectionLedgerState } from './state.js';

/** Transaction type of the election definition. */
export const ELECTION_TX = 'election';

/** The rule of `election`. */
export function electionRule(env: ElectionEnv): TxRule<ElectionLedgerState> {
  const memo = txMemo<ReturnType<typeof defineElection>>();
  return {
    type: ELECTION_TX,
    checkBody: (body) =>
      isJsonObject(body) ? OK : lfail('ELECTION_INVALID', 'the body is the election definition object'),
    allowed(s, tx, at) {
      // 1. One election per ledger, posted by the registrar the genesis names.
      if (s.setup) return lfail('TX_NOT_ALLOWED', 'the election is already defined');
      if (s.registrar === undefined)
        return lfail('TX_NOT_ALLOWED', s.genesisProblem ?? 'the genesis names no registrar');
      if (tx.author !== s.registrar)
        return lfail('TX_NOT_ALLOWED', 'only the genesis registrar may post the election');
      // 2. A valid definition for this ledger, naming the same registrar.
      const setup = memo(s, tx, at, () => defineElection(env, tx.body, at.genesis, at.height, at.time));
      if (!setup.ok) return setup;
      if (setup.value.definition.registrar !== s.registrar)
        return lfail('ELECTION_INVALID', 'the definition names another registrar than the genesis');
      return OK;
    },
    apply(s, tx, at) {
      const setup = memo(s, tx, at, () => defineElection(env, tx.body, at.genesis, at.height, at.time));
      if (!setup.ok) return s;
      return { ...s, setup: setup.value, eligibility: setup.value.eligibility.initial(), time: at.time };
    },
  };
}
