/** Runs a whole k-of-n key ceremony in one process, for tests and benchmarks. */
import type { Group } from '../../src/crypto/group/group.js';
import type { ProofContext } from '../../src/crypto/proofs/fiat-shamir.js';
import { unwrap } from '../../src/crypto/result.js';
import type { Rng } from '../../src/crypto/rng.js';
import { checkAnnouncement, createAnnouncement } from '../../src/crypto/threshold/announcement.js';
import { jointPublicKey, verificationKey } from '../../src/crypto/threshold/feldman.js';
import {
  combineShares,
  dealShares,
  ownShare,
  receiveShare,
} from '../../src/crypto/threshold/share-encryption.js';

/** Outcome of a local ceremony: the joint key, each trustee's secret share and verification key. */
export interface LocalCeremony<E> {
  readonly pk: E;
  readonly x: bigint[]; // x[l-1] = trustee l's secret share
  readonly vk: E[]; // vk[l-1] = g^(x_l)
}

/** Runs announcements, dealing and receiving for trustees 1..n with threshold k. */
export function localCeremony<E>(
  G: Group<E>,
  ctx: ProofContext,
  n: number,
  k: number,
  rng: Rng,
): LocalCeremony<E> {
  const params = { n, k };
  const rounds = Array.from({ length: n }, (_, i) => createAnnouncement(G, ctx, params, i + 1, rng));
  const anns = rounds.map((r) => r.announcement);
  for (const a of anns) unwrap(checkAnnouncement(G, ctx, params, a));
  const dealt = rounds.map((r) => dealShares(G, ctx, r.secrets, anns, rng));
  const x = rounds.map((r, i) => {
    const l = i + 1;
    const received = dealt
      .flat()
      .filter((s) => s.to === l)
      .map((s) => unwrap(receiveShare(G, ctx, s, r.secrets.shareKeySecret, anns[s.from - 1]!.commitments)));
    return combineShares(G, [ownShare(G, r.secrets), ...received]);
  });
  const dealers = anns.map((a) => a.commitments);
  return { pk: jointPublicKey(G, dealers), x, vk: x.map((_, i) => verificationKey(G, dealers, i + 1)) };
}
