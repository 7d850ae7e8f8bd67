/**
 * The ledger parameters an election fixes: the genesis of its ledger repeats the definition's validators
 * (same order), quorum and proof-of-work hardness, and a verifier checks that they agree.
 */
import { type Check, fail, OK } from '../../crypto/result.js';
import type { ElectionDefinition } from './definition.js';

/** Validators, quorum and hardness, as the authority genesis content carries them. */
export interface LedgerParameters {
  readonly validators: readonly string[];
  readonly quorum: number;
  readonly hardness: number;
}

/** The ledger parameters of a definition (to copy into the genesis content). */
export function ledgerParameters(d: ElectionDefinition): LedgerParameters {
  return { validators: [...d.validators], quorum: d.quorum, hardness: d.hardness };
}

/** Checks that a genesis carries the definition's ledger parameters (`ELECTION_INVALID` otherwise). */
export function checkLedgerParameters(d: ElectionDefinition, g: LedgerParameters): Check {
  if (g.hardness !== d.hardness)
    return fail('ELECTION_INVALID', `genesis hardness ${g.hardness} is not ${d.hardness}`);
  if (g.quorum !== d.quorum) return fail('ELECTION_INVALID', `genesis quorum ${g.quorum} is not ${d.quorum}`);
  if (g.validators.length !== d.validators.length || g.validators.some((v, i) => v !== d.validators[i]))
    return fail('ELECTION_INVALID', 'genesis validators are not the election validators');
  return OK;
}
