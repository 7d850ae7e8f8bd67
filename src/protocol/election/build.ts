/**
 * Building a definition from the registrar's input: fills the defaults, then checks the result with the
 * same strict reader that every other node uses, so a built definition is always a readable one.
 */
import type { Result } from '../../crypto/result.js';
import { DEFAULT_SCHEME, type ElectionDefinition, type EligibilityConfig } from './definition.js';
import { readElection } from './read.js';
import { electionToJson } from './write.js';

/** Proof-of-work hardness used when none is given. */
export const DEFAULT_HARDNESS = 8;

/** A definition whose scheme, eligibility, revote policy, quorum and hardness may be left to defaults. */
export type ElectionInput = Omit<
  ElectionDefinition,
  'scheme' | 'eligibility' | 'revote' | 'quorum' | 'hardness'
> &
  Partial<Pick<ElectionDefinition, 'scheme' | 'eligibility' | 'revote' | 'quorum' | 'hardness'>>;

/**
 * Fills the defaults — scheme `elgamal-ristretto255`, eligibility `identity-keys`, revote `once`,
 * quorum ⌊validators/2⌋ + 1, hardness {@link DEFAULT_HARDNESS} — and checks the whole definition.
 */
export function buildElection(input: ElectionInput): Result<ElectionDefinition> {
  const eligibility: EligibilityConfig = input.eligibility ?? { mode: 'identity-keys' };
  const full: ElectionDefinition = {
    ...input,
    scheme: input.scheme ?? DEFAULT_SCHEME,
    eligibility,
    revote: input.revote ?? 'once',
    quorum: input.quorum ?? Math.floor(input.validators.length / 2) + 1,
    hardness: input.hardness ?? DEFAULT_HARDNESS,
  };
  return readElection(electionToJson(full));
}
