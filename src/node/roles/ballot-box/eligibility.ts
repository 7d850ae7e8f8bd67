/**
 * Where the box learns who may vote: the eligibility state of the ledger (identity keys: the registrar's
 * published `voter_keys`; blind tokens: the token key of the definition), injected by the node.
 */
import type { Result } from '../../../crypto/result.js';
import type {
  EligibilityChecker,
  EligibilityClaim,
  Eligible,
} from '../../../protocol/eligibility/checker.js';

/** Answers whether a claim's voting key may vote, and through which boxes. */
export interface EligibilityView {
  check(claim: EligibilityClaim): Promise<Result<Eligible>>;
}

/** The view of an eligibility checker over a state read at each call (e.g. the ledger head's). */
export function eligibilityView<S>(checker: EligibilityChecker<S>, state: () => S): EligibilityView {
  return { check: (claim) => checker.check(state(), claim) };
}
