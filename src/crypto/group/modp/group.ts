/**
 * The quadratic-residue subgroup of Z_p^* for a safe prime p = 2q + 1, as a {@link Group}<bigint>.
 *
 * - Elements are the integers x with 1 ≤ x < p and (x/p) = 1 (Legendre symbol); they form the unique
 *   subgroup of order q. The identity is 1, the generator is `params.g`.
 * - Bytes: x big-endian in exactly ⌈bits(p)/8⌉ bytes. JSON: a JSON integer (`number` when it is a safe
 *   integer, `bigint` otherwise; decoders accept both, as `parseJson` produces both).
 * - Scalars: integers in [0, q); JSON integers.
 * - Membership is checked with the Jacobi symbol (binary algorithm, ~0.4 ms at 2048 bits), which is
 *   far cheaper than x^q ≡ 1 (a full exponentiation).
 * - Exponentiation goes through the injected {@link ModPowEngine}. With the pure BigInt engine, g^k uses a
 *   precomputed fixed-base table (built on first use), about 6× faster than the engine; with OpenSSL
 *   the table gains too little to give up OpenSSL's constant-time exponentiation, so it is not used.
 */
import { bigToBytesBE, bytesToBigBE, modInv } from '../../bytes.js';
import { asBigInt, type JsonValue } from '../../encoding/canonical-json.js';
import { jacobi, type ModPowEngine } from '../../modarith.js';
import { CryptoUsageError, fail, ok, type Result } from '../../result.js';
import type { Rng } from '../../rng.js';
import type { Group } from '../group.js';
import { hashToScalarMod, randomScalarMod } from '../scalars.js';
import { type FixedBaseTable, fixedBaseTable } from './fixed-base.js';
import type { ModpParams } from './params.js';

/** A modp group with its parameters and fixed-base support. */
export interface ModpGroup extends Group<bigint> {
  /** The safe prime modulus. */
  readonly p: bigint;
  /** The parameters this group was built from. */
  readonly params: ModpParams;
  /** The exponentiation engine in use. */
  readonly engine: ModPowEngine;
  /**
   * Returns k ↦ base^k for a base that will be raised to many exponents (e.g. an election public key).
   * With fixed-base tables enabled, the table is built once and cached (shared across instances, at most
   * 8 besides the generators'); otherwise the engine is used.
   */
  fixedBase(base: bigint): (k: bigint) => bigint;
}

/** Options of {@link modpGroup}. */
export interface ModpGroupOptions {
  /** Use fixed-base tables for g and {@link ModpGroup.fixedBase} (default: only with a non-OpenSSL engine). */
  readonly fixedBaseTables?: boolean;
  /** Window width of the tables (default 6: ~2^6·⌈bits(q)/6⌉ stored residues). */
  readonly windowBits?: number;
  /** Backend label (default: the engine's name). */
  readonly backend?: string;
}

/** Number to JSON: a `number` when it is a safe integer, a `bigint` otherwise (same canonical bytes). */
export function intToJson(x: bigint): JsonValue {
  return x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x;
}

/** How many fixed-base tables of bases other than generators are kept (shared by all group instances). */
const TABLE_CACHE_LIMIT = 8;
/** Tables by (window, p, base), shared so that rebuilding a group (e.g. per chain) does not rebuild them. */
const sharedTables = new Map<string, { readonly table: FixedBaseTable; readonly generator: boolean }>();

/** The cached table of `base` mod `p`, built on first use; generator tables are never evicted. */
function cachedTable(
  base: bigint,
  p: bigint,
  expBits: number,
  w: number,
  generator: boolean,
): FixedBaseTable {
  const key = `${w}:${p.toString(36)}:${base.toString(36)}`;
  const hit = sharedTables.get(key);
  if (hit !== undefined) return hit.table;
  let others = 0;
  for (const v of sharedTables.values()) if (!v.generator) others++;
  if (!generator && others >= TABLE_CACHE_LIMIT) {
    // Evict the oldest non-generator table (Map iteration follows insertion order).
    for (const [k, v] of sharedTables) {
      if (!v.generator) {
        sharedTables.delete(k);
        break;
      }
    }
  }
  const table = fixedBaseTable(base, p, expBits, w);
  sharedTables.set(key, { table, generator });
  return table;
}

/** Builds the modp group of `params` on `engine`. */
export function modpGroup(
  params: ModpParams,
  engine: ModPowEngine,
  options: ModpGroupOptions = {},
): ModpGroup {
  const { p, q, g } = params;
  const elementBytes = Math.ceil(p.toString(2).length / 8);
  const useTables = options.fixedBaseTables ?? engine.name !== 'openssl';
  const w = options.windowBits ?? 6;
  const qBits = q.toString(2).length;

  /** Scalars must be non-negative; reducing mod q is exact for elements of order q. */
  const scalar = (k: bigint): bigint => {
    if (k < 0n) throw new CryptoUsageError('negative exponent');
    return k < q ? k : k % q;
  };
  const exp = (a: bigint, k: bigint): bigint => engine.pow(a, scalar(k), p);

  const tableFor = (base: bigint): FixedBaseTable => cachedTable(base, p, qBits, w, base === g);
  const fixedBase = (base: bigint): ((k: bigint) => bigint) => {
    if (!useTables) return (k) => exp(base, k);
    const t = tableFor(base);
    return (k) => t.pow(scalar(k));
  };
  const expG = useTables ? (k: bigint) => tableFor(g).pow(scalar(k)) : (k: bigint) => exp(g, k);

  /** Membership: 1 ≤ x < p and x is a quadratic residue mod p. */
  const member = (x: bigint, what: string): Result<bigint> => {
    if (x < 1n || x >= p) return fail('ELEMENT_INVALID', `${what} is not in [1, p)`);
    if (jacobi(x, p) !== 1) return fail('ELEMENT_INVALID', `${what} is not a quadratic residue mod p`);
    return ok(x);
  };

  return {
    name: params.name,
    backend: options.backend ?? engine.name,
    q,
    g,
    identity: 1n,
    elementBytes,
    p,
    params,
    engine,
    fixedBase,
    op: (a, b) => (a * b) % p,
    inv: (a) => modInv(a, p),
    div: (a, b) => (a * modInv(b, p)) % p,
    exp,
    expG,
    multiExp: (bases, exps) => {
      if (bases.length !== exps.length) throw new CryptoUsageError('bases and exponents differ in length');
      return engine.multiPow(bases, exps.map(scalar), p);
    },
    eq: (a, b) => a === b,
    encode: (a) => bigToBytesBE(a, elementBytes),
    decode: (bytes) => {
      if (bytes.length !== elementBytes)
        return fail(
          'ELEMENT_INVALID',
          `${params.name} element must be ${elementBytes} bytes, got ${bytes.length}`,
        );
      return member(bytesToBigBE(bytes), `${params.name} element`);
    },
    toJson: intToJson,
    fromJson: (v) => {
      const x = asBigInt(v);
      if (x === undefined) return fail('ELEMENT_INVALID', `${params.name} element must be a JSON integer`);
      return member(x, `${params.name} element`);
    },
    scalarToJson: intToJson,
    scalarFromJson: (v) => {
      const k = asBigInt(v);
      if (k === undefined) return fail('SCALAR_INVALID', 'scalar must be a JSON integer');
      if (k < 0n || k >= q) return fail('SCALAR_INVALID', 'scalar is not in [0, q)');
      return ok(k);
    },
    randomScalar: (rng: Rng) => randomScalarMod(q, rng),
    hashToScalar: (data: Uint8Array) => hashToScalarMod(q, data),
  };
}
