/**
 * The election registry: every election transaction type registered on the authority ledger with
 * `extendRegistry`, over the state of `state.ts`.
 */
import { RECORD_TYPES } from '../../protocol/ceremony/record.js';
import { createRegistry, extendRegistry, type TxRegistry, type TxRule } from '../authority/registry.js';
import type { ElectionEnv } from './env.js';
import { auditRule } from './rule-audit.js';
import { ballotRule } from './rule-ballot.js';
import { closeRule } from './rule-close.js';
import { decryptionRule } from './rule-decryption.js';
import { electionRule } from './rule-election.js';
import { tokenIssuedRule, voterKeysRule } from './rule-eligibility.js';
import { resultRule } from './rule-result.js';
import { CEREMONY_TX_TYPES, trusteeRule } from './rule-trustee.js';
import { initialElectionState } from './setup.js';
import type { ElectionLedgerState } from './state.js';

/** Every election rule, in the order of an election. */
export function electionRules(env: ElectionEnv): TxRule<ElectionLedgerState>[] {
  return [
    electionRule(env),
    ...CEREMONY_TX_TYPES.map(trusteeRule),
    voterKeysRule(),
    tokenIssuedRule(),
    ballotRule(env),
    auditRule(),
    closeRule(),
    decryptionRule(RECORD_TYPES.partialDecryption),
    decryptionRule(RECORD_TYPES.paillierDecryption),
    resultRule(),
  ];
}

/** The registry of an election ledger: an empty base extended with {@link electionRules}. */
export function electionRegistry(env: ElectionEnv): TxRegistry<ElectionLedgerState> {
  const base = createRegistry<ElectionLedgerState>((g) => initialElectionState(env, g), []);
  return extendRegistry(base, electionRules(env));
}
