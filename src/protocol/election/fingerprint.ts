/**
 * The election fingerprint: `hex(SHA-256(canonical(["pnyx/v1/election", electionToJson(d)])))`.
 * Every proof challenge, signature payload and record of the election names it, so nothing made for one
 * election is accepted in another.
 */
import { hashJsonHex } from '../../crypto/encoding/hash.js';
import type { ElectionDefinition } from './definition.js';
import { electionToJson } from './write.js';

/** Domain tag of the fingerprint. */
export const ELECTION_DOMAIN = 'pnyx/v1/election';

/** The fingerprint (64 hex digits) of a checked definition. */
export function electionFingerprint(d: ElectionDefinition): string {
  return hashJsonHex([ELECTION_DOMAIN, electionToJson(d)]);
}
