/**
 * Runner-profile genesis (course wire format, DESIGN §6):
 * `{"n_tallier_blocks","n_talliers","n_vote_blocks","hardness","group":{"g","p"},"comment"}` with
 * `n_tallier_blocks > 0`, `n_vote_blocks > 0`, `0 < n_talliers ≤ n_tallier_blocks`, `hardness > 0`,
 * p a safe prime and g a generator of the quadratic residues mod p (1 < g < p, Legendre symbol 1).
 */

import { bitLength } from '../../crypto/bytes.js';
import { asBigInt, isJsonObject, type JsonObject } from '../../crypto/encoding/canonical-json.js';
import { MODP_GROUPS, type ModpGroup, type ModpParams, modpGroup } from '../../crypto/group/modp/index.js';
import { bigintEngine, jacobi, type ModPowEngine } from '../../crypto/modarith.js';
import { isSafePrime } from '../../crypto/primes.js';
import { ok } from '../../crypto/result.js';
import { MAX_HARDNESS } from '../block.js';
import { type LedgerResult, lfail } from '../errors.js';

/** Decoded runner genesis parameters. */
export interface RunnerGenesis {
  readonly id: string;
  readonly nTallierBlocks: number;
  readonly nTalliers: number;
  readonly nVoteBlocks: number;
  readonly hardness: number;
  readonly comment: string;
  readonly p: bigint;
  readonly g: bigint;
}

/** Largest modulus accepted (bits), to bound the work an untrusted genesis can ask for. */
export const MAX_P_BITS = 8192;

const KEYS = ['comment', 'group', 'hardness', 'n_tallier_blocks', 'n_talliers', 'n_vote_blocks'];

function posInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** Strict decoding of a runner genesis content (exact keys, constraints, safe-prime group). */
export function decodeRunnerGenesisContent(id: string, c: JsonObject): LedgerResult<RunnerGenesis> {
  if (!isJsonObject(c)) return lfail('GENESIS_INVALID', 'content must be an object');
  const keys = Object.keys(c).sort();
  if (keys.length !== KEYS.length || keys.some((k, i) => k !== KEYS[i]))
    return lfail('GENESIS_INVALID', `runner genesis content has exactly the keys ${KEYS.join(', ')}`);
  const { n_tallier_blocks, n_talliers, n_vote_blocks, hardness, group, comment } = c;
  if (!posInt(n_tallier_blocks)) return lfail('GENESIS_INVALID', 'n_tallier_blocks must be an integer > 0');
  if (!posInt(n_vote_blocks)) return lfail('GENESIS_INVALID', 'n_vote_blocks must be an integer > 0');
  if (!posInt(n_talliers) || n_talliers > n_tallier_blocks)
    return lfail('GENESIS_INVALID', 'n_talliers must be an integer with 0 < n_talliers ≤ n_tallier_blocks');
  if (!posInt(hardness) || hardness > MAX_HARDNESS)
    return lfail('GENESIS_INVALID', `hardness must be an integer in [1, ${MAX_HARDNESS}]`);
  if (typeof comment !== 'string') return lfail('GENESIS_INVALID', 'comment must be a string');
  if (!isJsonObject(group) || Object.keys(group).sort().join() !== 'g,p')
    return lfail('GENESIS_INVALID', 'group has exactly the keys g, p');
  const p = asBigInt(group.p);
  const g = asBigInt(group.g);
  if (p === undefined || g === undefined)
    return lfail('GENESIS_INVALID', 'group.g and group.p must be integers');
  if (bitLength(p) > MAX_P_BITS) return lfail('GENESIS_INVALID', `p has more than ${MAX_P_BITS} bits`);
  if (!isSafePrime(p)) return lfail('GENESIS_INVALID', 'p must be a safe prime');
  if (g <= 1n || g >= p || jacobi(g, p) !== 1)
    return lfail('GENESIS_INVALID', 'g must generate the quadratic residues mod p');
  return ok({
    id,
    nTallierBlocks: n_tallier_blocks,
    nTalliers: n_talliers,
    nVoteBlocks: n_vote_blocks,
    hardness,
    comment,
    p,
    g,
  });
}

/**
 * The group of a runner genesis on an exponentiation engine (pure BigInt by default; Node callers inject
 * OpenSSL). A known group keeps its name; another safe prime is named `modp-test<bits>` internally (the
 * name is not hashed by the course proofs).
 */
export function runnerGroup(gen: RunnerGenesis, engine: ModPowEngine = bigintEngine): ModpGroup {
  const known = Object.values(MODP_GROUPS).find((m) => m.p === gen.p && m.g === gen.g);
  const params: ModpParams =
    known ??
    Object.freeze({
      name: `modp-test${bitLength(gen.p)}` as const,
      p: gen.p,
      q: (gen.p - 1n) / 2n,
      g: gen.g,
      testOnly: true,
    });
  return modpGroup(params, engine);
}
