/**
 * Genesis content of the authority profile:
 * `{profile: "authority", hardness, quorum, validators: [hex…], miners?: [name…], time, limits?, election?, …}`.
 * Unknown keys are allowed (the election layer adds its manifest and roll commitment); they are hashed
 * into the genesis id like everything else.
 */
import { isJsonObject, type JsonObject } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import { type Block, checkPow, identifyBlock, MAX_HARDNESS } from '../block.js';
import { type LedgerResult, lfail } from '../errors.js';
import { DEFAULT_LIMITS, decodeLimits, type Limits } from './limits.js';

const KEY_RE = /^[0-9a-f]{64}$/;

/** Decoded genesis parameters of an authority ledger. */
export interface AuthorityGenesis {
  readonly id: string;
  readonly hardness: number;
  /** Approvals needed for finality; more than half of the validators. */
  readonly quorum: number;
  /** Ed25519 public keys (hex) of the validators. */
  readonly validators: readonly string[];
  /** Miner names allowed to mine, or undefined if anyone may. */
  readonly miners?: readonly string[];
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly limits: Limits;
  /** The whole genesis content (the election layer reads its own keys). */
  readonly content: JsonObject;
}

/** Default quorum. */
export const DEFAULT_QUORUM = 2;

function isNat(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Checks the genesis content. Rules: `profile` is "authority"; `hardness` an integer in [0, 128];
 * `validators` a non-empty list of distinct 64-hex keys; `quorum` an integer with
 * `validators/2 < quorum ≤ validators` (a majority, so two conflicting blocks can never both be final);
 * `miners`, if present, a list of distinct strings; `time` a non-negative integer; `limits` optional.
 */
export function decodeAuthorityGenesisContent(id: string, c: JsonObject): LedgerResult<AuthorityGenesis> {
  if (c.profile !== 'authority') return lfail('GENESIS_INVALID', 'profile must be "authority"');
  const { hardness, quorum, validators, miners, time } = c;
  if (!isNat(hardness) || hardness > MAX_HARDNESS)
    return lfail('GENESIS_INVALID', `hardness must be an integer in [0, ${MAX_HARDNESS}]`);
  if (!Array.isArray(validators) || validators.length === 0)
    return lfail('GENESIS_INVALID', 'validators must be a non-empty list of public keys');
  for (const v of validators)
    if (typeof v !== 'string' || !KEY_RE.test(v))
      return lfail('GENESIS_INVALID', 'each validator is a 64-digit lowercase hex Ed25519 public key');
  if (new Set(validators).size !== validators.length)
    return lfail('GENESIS_INVALID', 'validators must be distinct');
  const q = quorum ?? DEFAULT_QUORUM;
  if (!isNat(q) || q < 1 || q > validators.length || 2 * q <= validators.length)
    return lfail(
      'GENESIS_INVALID',
      `quorum must be an integer with ${validators.length}/2 < quorum ≤ ${validators.length}`,
    );
  let minerList: string[] | undefined;
  if (miners !== undefined) {
    if (!Array.isArray(miners) || miners.some((m) => typeof m !== 'string'))
      return lfail('GENESIS_INVALID', 'miners must be a list of miner names');
    minerList = miners as string[];
    if (new Set(minerList).size !== minerList.length)
      return lfail('GENESIS_INVALID', 'miners must be distinct');
  }
  if (!isNat(time)) return lfail('GENESIS_INVALID', 'time must be milliseconds since the epoch');
  const limits = c.limits === undefined ? ok(DEFAULT_LIMITS) : decodeLimits(c.limits);
  if (!limits.ok) return lfail('GENESIS_INVALID', limits.message);
  return ok({
    id,
    hardness,
    quorum: q,
    validators: validators as string[],
    ...(minerList ? { miners: minerList } : {}),
    time,
    limits: limits.value,
    content: c,
  });
}

/** Decodes and checks a whole authority genesis block (envelope, `parent_id = ""`, own proof of work). */
export function decodeAuthorityGenesis(
  v: unknown,
): LedgerResult<{ block: Block; genesis: AuthorityGenesis }> {
  const b = identifyBlock(v, DEFAULT_LIMITS.blockBytes);
  if (!b.ok) return b;
  const { id, block } = b.value;
  if (block.parent_id !== '') return lfail('GENESIS_INVALID', 'the genesis has parent_id ""');
  if (!isJsonObject(block.content)) return lfail('GENESIS_INVALID', 'content must be an object');
  const g = decodeAuthorityGenesisContent(id, block.content);
  if (!g.ok) return g;
  const pow = checkPow(id, g.value.hardness);
  if (!pow.ok) return pow;
  return ok({ block, genesis: g.value });
}
