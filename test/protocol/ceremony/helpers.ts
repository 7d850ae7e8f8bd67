/** Drives whole ceremonies through ledger records, with hooks to make trustees misbehave. */

import { type Ciphertext, encrypt } from '../../../src/crypto/elgamal.js';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import type { Group } from '../../../src/crypto/group/group.js';
import type { ProofContext } from '../../../src/crypto/proofs/fiat-shamir.js';
import { unwrap } from '../../../src/crypto/result.js';
import type { Rng } from '../../../src/crypto/rng.js';
import { createAnnouncement } from '../../../src/crypto/threshold/announcement.js';
import {
  type CeremonyParams,
  type CeremonyState,
  ceremonyState,
  type LedgerRecord,
  RECORD_TYPES,
  sharesBodyFromJson,
  sharesBodyToJson,
  type TrusteeKeys,
  trusteeStep,
} from '../../../src/protocol/ceremony/index.js';
import type { EncryptedTally } from '../../../src/protocol/tally.js';

/** A trustee's published record, possibly altered before it reaches the ledger (null drops it). */
export type Tamper = (trustee: number, type: string, body: JsonObject) => JsonObject | null;

/** A finished simulated ceremony. */
export interface Run<E> {
  readonly keys: TrusteeKeys<E>[];
  readonly records: LedgerRecord[];
  readonly state: CeremonyState<E>;
}

/**
 * Runs trustees 1..n in rounds: each round every online trustee reads the same state and publishes its
 * next record (all of a round's records land in one block, trustees in index order), until nobody has
 * anything left to publish. Round r happens at ledger time r (for deadlines); the final state is read at 10.
 */
export function runCeremony<E>(
  G: Group<E>,
  ctx: ProofContext,
  params: CeremonyParams,
  rng: Rng,
  options: { readonly offline?: readonly number[]; readonly tamper?: Tamper } = {},
): Run<E> {
  const keys = Array.from({ length: params.n }, (_, i) => createAnnouncement(G, ctx, params, i + 1, rng));
  const records: LedgerRecord[] = [];
  for (let round = 0; round < 10; round++) {
    const state = ceremonyState(G, ctx, params, records, round); // ledger time = round number
    let published = 0;
    for (const k of keys) {
      const l = k.secrets.trustee;
      if (options.offline?.includes(l)) continue;
      const step = trusteeStep(G, ctx, state, k, rng);
      if (step.kind !== 'publish') continue;
      const body = options.tamper ? options.tamper(l, step.type, step.body) : step.body;
      if (body === null) continue;
      records.push({ type: step.type, body, signer: l, time: round });
      published++;
    }
    if (published === 0) break;
  }
  return { keys, records, state: ceremonyState(G, ctx, params, records, 10) };
}

/** An encrypted tally of the given counts under pk (fresh randomness per entry). */
export function encryptCounts<E>(
  G: Group<E>,
  pk: E,
  counts: readonly (readonly number[])[],
  rng: Rng,
): EncryptedTally<Ciphertext<E>> {
  return counts.map((row) => row.map((m) => encrypt(G, pk, BigInt(m), G.randomScalar(rng))));
}

/** A tamper hook: dealer `from` sends `to` a wrong share (its masked value plus 1). */
export function badShare<E>(G: Group<E>, from: number, to: number): Tamper {
  return (l, type, body) => {
    if (l !== from || type !== RECORD_TYPES.shares) return body;
    const b = unwrap(sharesBodyFromJson(G, body));
    const shares = b.shares.map((s) => (s.to === to ? { ...s, e: (s.e + 1n) % G.q } : s));
    return sharesBodyToJson(G, { ...b, shares });
  };
}
