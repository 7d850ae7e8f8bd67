/**
 * Which ballot boxes a voting key is told to use (identity-keys mode). With `perVoter` absent or at least
 * the number of boxes, every allow-listed box. Otherwise a deterministic subset by rendezvous hashing:
 * each box gets the score `H(["pnyx/v1/box-assignment", fingerprint, key, box.id])` and the key gets the
 * `perVoter` boxes with the lowest scores. Anyone can recompute the assignment from public data, and
 * keys spread evenly over the boxes.
 */
import { hashJsonHex } from '../../../crypto/encoding/hash.js';
import type { BallotBox } from '../../../protocol/election/definition.js';

/** Domain tag of box scores. */
export const BOX_ASSIGNMENT_DOMAIN = 'pnyx/v1/box-assignment';

/** The box ids assigned to `key` (sorted). */
export function assignBoxes(
  boxes: readonly BallotBox[],
  fingerprint: string,
  key: string,
  perVoter?: number,
): string[] {
  if (perVoter === undefined || perVoter >= boxes.length) return boxes.map((b) => b.id).sort();
  const scored = boxes.map((b) => ({
    id: b.id,
    s: hashJsonHex([BOX_ASSIGNMENT_DOMAIN, fingerprint, key, b.id]),
  }));
  scored.sort((x, y) => (x.s < y.s ? -1 : x.s > y.s ? 1 : 0));
  return scored
    .slice(0, Math.max(1, perVoter))
    .map((x) => x.id)
    .sort();
}
