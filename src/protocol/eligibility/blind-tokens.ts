/**
 * Blind-token mode (seed 001): a voting key is eligible when its cast carries a valid token of the
 * election's token key; it may vote through every allow-listed box. The ledger state is the registrar's
 * latest `token_issued` total, which bounds the number of distinct token-bearing keys that may count.
 */
import { type BlindPublicKey, blindPublicKeyFromJson } from '../../crypto/blind/keys.js';
import { type Check, CryptoUsageError, fail, OK, ok, type Result } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import type { ElectionDefinition } from '../election/definition.js';
import { electionFingerprint } from '../election/fingerprint.js';
import type { EligibilityChecker } from './checker.js';
import { checkVotingToken } from './token.js';
import { checkTokenIssued } from './token-issued.js';

/** Ledger transaction type of `token_issued` records. */
export const TOKEN_ISSUED_TX = 'token_issued';

/** Tokens issued so far, as last published by the registrar. */
export interface BlindTokensState {
  readonly issued: number;
}

/** Checks that `distinctKeys` counted token-bearing keys do not exceed the tokens issued. */
export function checkTokenCount(state: BlindTokensState, distinctKeys: number): Check {
  return distinctKeys <= state.issued
    ? OK
    : fail(
        'ELIGIBILITY_INVALID',
        `${distinctKeys} voting keys hold tokens but only ${state.issued} were issued`,
      );
}

/** The blind-token checker of `election` (which must be in blind-token mode). */
export function blindTokensChecker(
  ed: Ed25519,
  election: ElectionDefinition,
): EligibilityChecker<BlindTokensState> {
  if (election.eligibility.mode !== 'blind-tokens')
    throw new CryptoUsageError('blindTokensChecker needs a blind-token election');
  const fingerprint = electionFingerprint(election);
  const decoded = blindPublicKeyFromJson(election.eligibility.token_key);
  if (!decoded.ok) throw new CryptoUsageError('the definition was not read with readElection');
  const tokenKey: BlindPublicKey = decoded.value;
  const allBoxes = election.boxes.map((b) => b.id);
  return {
    mode: 'blind-tokens',
    recordTypes: [TOKEN_ISSUED_TX],
    initial: () => ({ issued: 0 }),
    apply(state, type, record): Result<BlindTokensState> {
      if (type !== TOKEN_ISSUED_TX)
        return fail('ELIGIBILITY_INVALID', `blind-token mode has no "${type}" records`);
      const r = checkTokenIssued(ed, election, fingerprint, record);
      if (!r.ok) return r;
      // The published total only grows.
      if (r.value.total <= state.issued)
        return fail(
          'ELIGIBILITY_INVALID',
          `token_issued.total ${r.value.total} does not exceed ${state.issued}`,
        );
      return ok({ issued: r.value.total });
    },
    async check(_state, claim) {
      if (claim.election !== fingerprint) return fail('NOT_ELIGIBLE', 'the claim is for another election');
      if (!claim.token) return fail('NOT_ELIGIBLE', 'a voting token is required in this election');
      const t = await checkVotingToken(tokenKey, fingerprint, claim.voter_key, claim.token);
      return t.ok ? ok({ boxes: allBoxes }) : t;
    },
  };
}
