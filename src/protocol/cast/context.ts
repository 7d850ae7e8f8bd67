/** Everything needed to create or check the cast ballots of one election. */
import { CryptoUsageError } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import type { BallotContext } from '../ballot.js';
import type { ElectionDefinition } from '../election/definition.js';
import { electionFingerprint } from '../election/fingerprint.js';
import type { BallotScheme } from '../scheme.js';

/** The election, its fingerprint, its ballot scheme (with the election key) and an Ed25519 backend. */
export interface CastContext<C> {
  readonly election: ElectionDefinition;
  readonly fingerprint: string;
  /** Manifest, scheme and fingerprint, as `createBallot`/`checkBallot` take them. */
  readonly ballot: BallotContext<C>;
  readonly ed: Ed25519;
}

/**
 * Builds the context of an election. Throws {@link CryptoUsageError} if `scheme` is not the election's
 * scheme (a wiring mistake, never a consequence of untrusted input).
 */
export function castContext<C>(
  election: ElectionDefinition,
  scheme: BallotScheme<C>,
  ed: Ed25519,
): CastContext<C> {
  if (scheme.name !== election.scheme)
    throw new CryptoUsageError(`the election uses ${election.scheme}, not ${scheme.name}`);
  const fingerprint = electionFingerprint(election);
  return { election, fingerprint, ballot: { manifest: election.manifest, scheme, fingerprint }, ed };
}
