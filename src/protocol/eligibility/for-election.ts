/** The eligibility checker of an election, chosen by its mode. */
import { fail, ok, type Result } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import type { ElectionDefinition } from '../election/definition.js';
import { blindTokensChecker } from './blind-tokens.js';
import type { EligibilityChecker } from './checker.js';
import { identityKeysChecker } from './identity-keys.js';

/**
 * The checker for `election`'s eligibility mode, with an opaque state type. `ELIGIBILITY_INVALID` for the
 * SharedBallot mode, whose records are defined later (it will be a third implementation of
 * {@link EligibilityChecker}).
 */
export function eligibilityChecker(
  ed: Ed25519,
  election: ElectionDefinition,
): Result<EligibilityChecker<unknown>> {
  switch (election.eligibility.mode) {
    case 'identity-keys':
      return ok(identityKeysChecker(ed, election) as EligibilityChecker<unknown>);
    case 'blind-tokens':
      return ok(blindTokensChecker(ed, election) as EligibilityChecker<unknown>);
    case 'sharedballot':
      return fail('ELIGIBILITY_INVALID', 'the SharedBallot eligibility mode is not available yet');
  }
}
