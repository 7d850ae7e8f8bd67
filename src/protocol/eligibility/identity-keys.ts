/**
 * Identity-keys mode (seed 000): a voting key is eligible when a `voter_keys` record of the registrar
 * lists it, and only through the boxes that record assigns. A key may be listed once in the whole ledger.
 *
 * The state is a persistent list of per-record indexes (applying a record copies only the list of
 * references), so forks share their common prefix.
 */
import { fail, ok, type Result } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import type { ElectionDefinition } from '../election/definition.js';
import { electionFingerprint } from '../election/fingerprint.js';
import type { EligibilityChecker } from './checker.js';
import { checkVoterKeys } from './voter-keys.js';

/** Ledger transaction type of `voter_keys` records. */
export const VOTER_KEYS_TX = 'voter_keys';

/** Eligible keys so far: one index (key → assigned boxes) per applied record. */
export interface IdentityKeysState {
  readonly records: readonly ReadonlyMap<string, readonly string[]>[];
  /** Number of eligible keys. */
  readonly count: number;
}

/** The boxes assigned to `key`, if it is eligible. */
export function assignedBoxes(state: IdentityKeysState, key: string): readonly string[] | undefined {
  for (const r of state.records) {
    const boxes = r.get(key);
    if (boxes) return boxes;
  }
  return undefined;
}

/** The identity-keys checker of `election`. */
export function identityKeysChecker(
  ed: Ed25519,
  election: ElectionDefinition,
): EligibilityChecker<IdentityKeysState> {
  const fingerprint = electionFingerprint(election);
  return {
    mode: 'identity-keys',
    recordTypes: [VOTER_KEYS_TX],
    initial: () => ({ records: [], count: 0 }),
    apply(state, type, record): Result<IdentityKeysState> {
      if (type !== VOTER_KEYS_TX)
        return fail('ELIGIBILITY_INVALID', `identity-keys mode has no "${type}" records`);
      const r = checkVoterKeys(ed, election, fingerprint, record);
      if (!r.ok) return r;
      // No key may be listed twice, and the roll bounds the number of eligible keys.
      const index = new Map<string, readonly string[]>();
      for (const v of r.value.voters) {
        if (assignedBoxes(state, v.key))
          return fail('ELIGIBILITY_INVALID', `voting key ${v.key} is already eligible`);
        index.set(v.key, v.boxes);
      }
      const count = state.count + index.size;
      if (count > election.roll.count)
        return fail(
          'ELIGIBILITY_INVALID',
          `${count} eligible keys exceed the ${election.roll.count} voters on the roll`,
        );
      return ok({ records: [...state.records, index], count });
    },
    async check(state, claim) {
      if (claim.election !== fingerprint) return fail('NOT_ELIGIBLE', 'the claim is for another election');
      const boxes = assignedBoxes(state, claim.voter_key);
      if (!boxes)
        return fail('NOT_ELIGIBLE', 'this voting key is not on any voter_keys list of the registrar');
      return ok({ boxes });
    },
  };
}
