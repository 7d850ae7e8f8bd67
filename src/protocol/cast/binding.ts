/**
 * What a ballot's proofs are bound to. The `binding` string in every proof label of a cast ballot is
 *   `hex(SHA-256(canonical(["pnyx/v1/ballot-binding", voter_key, ballot_id])))`,
 * so proofs made for one voting key and ballot id cannot be replayed under another (the election
 * fingerprint is already in every challenge).
 */
import { toHex } from '../../crypto/bytes.js';
import { hashJsonHex } from '../../crypto/encoding/hash.js';
import type { Rng } from '../../crypto/rng.js';

/** Domain tag of the binding. */
export const BINDING_DOMAIN = 'pnyx/v1/ballot-binding';

/** The proof binding of a ballot cast with `voterKey` under `ballotId` (both hex). */
export function ballotBinding(voterKey: string, ballotId: string): string {
  return hashJsonHex([BINDING_DOMAIN, voterKey, ballotId]);
}

/** A fresh ballot id (seed 000's "made-up id"): 32 random bytes as hex. */
export function newBallotId(rng: Rng): string {
  return toHex(rng(32));
}
