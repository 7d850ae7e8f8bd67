/**
 * The runner-profile state machine: what a chain has established after each block, and the check of the
 * next block's content against it. Proof checks are the course verifiers of src/crypto/proofs/course.ts.
 */
import { isJsonObject, type JsonObject } from '../../crypto/encoding/canonical-json.js';
import type { ModpGroup } from '../../crypto/group/modp/index.js';
import { verifyCourseBallot, verifyDecFactor, verifyPkPok } from '../../crypto/proofs/course.js';
import { ok } from '../../crypto/result.js';
import { type LedgerResult, lfail, lwithin } from '../errors.js';
import type { RunnerGenesis } from './genesis.js';
import { phaseAt } from './phase.js';

/** How often a tallier key was posted, and the height of its last block. */
export interface TallierCount {
  readonly pk: bigint;
  readonly count: number;
  readonly last: number;
}

/** What a runner chain has established. */
export interface RunnerState {
  /** Height of the last block (0 for the genesis). */
  readonly height: number;
  /** Tallier keys in order of first appearance. */
  readonly talliers: readonly TallierCount[];
  /** Elected tallier keys (set once the tallier phase is over). */
  readonly elected: readonly bigint[];
  /** Election key: product of the elected keys (1 before the election). */
  readonly electionKey: bigint;
  /** Products of all ballot c1 and c2. */
  readonly c1: bigint;
  readonly c2: bigint;
  readonly ballots: number;
  /** Decryption factors posted so far, by tallier key. */
  readonly decFactors: readonly { readonly pk: bigint; readonly s: bigint }[];
}

/** The state of a chain holding only its genesis. */
export function initialRunnerState(): RunnerState {
  return {
    height: 0,
    talliers: [],
    elected: [],
    electionKey: 1n,
    c1: 1n,
    c2: 1n,
    ballots: 0,
    decFactors: [],
  };
}

/**
 * The n most-seen tallier keys; among keys seen equally often, the one whose last block came first wins.
 * If fewer than n distinct keys were posted, all of them are elected.
 */
export function electTalliers(talliers: readonly TallierCount[], n: number): bigint[] {
  return [...talliers]
    .sort((a, b) => b.count - a.count || a.last - b.last)
    .slice(0, n)
    .map((t) => t.pk);
}

function single(content: JsonObject, key: string): LedgerResult<unknown> {
  if (!isJsonObject(content)) return lfail('BLOCK_INVALID', 'content must be an object');
  const keys = Object.keys(content);
  if (keys.length !== 1 || keys[0] !== key)
    return lfail(
      'PHASE_INVALID',
      `this block must hold exactly {"${key}": …} (got keys ${keys.join(', ') || 'none'})`,
    );
  return ok(content[key]);
}

/** Checks the content of the next block and returns the state after it. */
export function applyRunnerBlock(
  G: ModpGroup,
  gen: RunnerGenesis,
  s: RunnerState,
  content: JsonObject,
): LedgerResult<RunnerState> {
  const height = s.height + 1;
  const phase = phaseAt(gen, height, s.elected.length);
  switch (phase.kind) {
    case 'tallier_key': {
      // A tallier key with its proof of knowledge of the secret key.
      const v = single(content, 'tallier_key');
      if (!v.ok) return v;
      const pok = verifyPkPok(G, v.value);
      if (!pok.ok) return lwithin('tallier_key', pok);
      const pk = pok.value.pk;
      const known = s.talliers.some((t) => t.pk === pk);
      const talliers = known
        ? s.talliers.map((t) => (t.pk === pk ? { pk, count: t.count + 1, last: height } : t))
        : [...s.talliers, { pk, count: 1, last: height }];
      // At the end of the phase, elect the talliers and fix the election key.
      if (height === gen.nTallierBlocks) {
        const elected = electTalliers(talliers, gen.nTalliers);
        const electionKey = elected.reduce((acc, k) => G.op(acc, k), 1n);
        return ok({ ...s, height, talliers, elected, electionKey });
      }
      return ok({ ...s, height, talliers });
    }
    case 'ballot': {
      // A ballot under the election key with its 0/1 proof.
      const v = single(content, 'ballot');
      if (!v.ok) return v;
      const b = verifyCourseBallot(G, v.value, s.electionKey);
      if (!b.ok) return lwithin('ballot', b);
      return ok({
        ...s,
        height,
        c1: G.op(s.c1, b.value.ct.a),
        c2: G.op(s.c2, b.value.ct.b),
        ballots: s.ballots + 1,
      });
    }
    case 'dec_factor': {
      // A decryption factor of Π c1 by an elected tallier that has not posted one yet.
      const v = single(content, 'dec_factor');
      if (!v.ok) return v;
      const d = verifyDecFactor(G, v.value, { c1: s.c1 });
      if (!d.ok) return lwithin('dec_factor', d);
      const pk = d.value.pk;
      if (!s.elected.includes(pk))
        return lfail('KEY_INVALID', 'dec_factor: the key is not an elected tallier key');
      if (s.decFactors.some((f) => f.pk === pk))
        return lfail('PHASE_INVALID', 'dec_factor: this tallier already posted its decryption factor');
      return ok({ ...s, height, decFactors: [...s.decFactors, { pk, s: d.value.decryptionFactor }] });
    }
    case 'over':
      return lfail('PHASE_INVALID', 'the election is over: no block may follow the last decryption factor');
  }
}

/**
 * The tally of a complete chain: T with g^T = Π c2 / Π s_i, searched in [0, ballots]; undefined while
 * decryption factors are missing or if no T fits.
 */
export function runnerTally(G: ModpGroup, s: RunnerState): number | undefined {
  if (s.elected.length === 0 || s.decFactors.length !== s.elected.length) return undefined;
  const S = s.decFactors.reduce((acc, f) => G.op(acc, f.s), 1n);
  const gT = G.div(s.c2, S);
  let x = 1n;
  for (let t = 0; t <= s.ballots; t++) {
    if (x === gT) return t;
    x = G.op(x, G.g);
  }
  return undefined;
}
