/**
 * The prime-order group interface every backend implements.
 *
 * Groups are written multiplicatively (`op` is the group law, `exp` is repeated `op`), so the
 * same ElGamal and proof code reads like the papers for both elliptic-curve and modular groups.
 * Elements are opaque per backend (`E`); scalars are `bigint` in `[0, q)`.
 */
import type { JsonValue } from '../encoding/canonical-json.js';
import type { Result } from '../result.js';
import type { Rng } from '../rng.js';

/** Names of the groups pnyx knows. Test groups are for tests only and are never accepted in elections. */
export type GroupName = 'ristretto255' | 'modp2048' | 'modp3072' | `modp-test${number}`;

/** A cyclic group of prime order `q` with a fixed generator `g`. */
export interface Group<E> {
  /** Stable name, hashed into every Fiat–Shamir challenge. */
  readonly name: GroupName;
  /** Which implementation this is (for benchmarks and cross-checks), e.g. `noble`, `sodium-native`. */
  readonly backend: string;
  /** Prime order of the group. */
  readonly q: bigint;
  /** The fixed generator. */
  readonly g: E;
  /** The neutral element. */
  readonly identity: E;
  /** Length in bytes of {@link Group.encode}'s output. */
  readonly elementBytes: number;

  /** Group law: a·b. */
  op(a: E, b: E): E;
  /** Inverse: a⁻¹. */
  inv(a: E): E;
  /** a·b⁻¹. */
  div(a: E, b: E): E;
  /** a^k for a scalar k in [0, q). */
  exp(a: E, k: bigint): E;
  /** g^k for a scalar k in [0, q) (may use precomputed tables). */
  expG(k: bigint): E;
  /** Π bases[i]^exps[i] (may be faster than separate `exp`s). */
  multiExp(bases: readonly E[], exps: readonly bigint[]): E;
  /** Π elements, when the backend has something faster than repeated {@link Group.op} (see {@link productOf}). */
  product?(elements: readonly E[]): E;
  /** Equality of elements. */
  eq(a: E, b: E): boolean;

  /** Canonical fixed-length byte encoding. */
  encode(a: E): Uint8Array;
  /** Strict decoding: rejects wrong lengths, non-canonical encodings and non-members. */
  decode(bytes: Uint8Array): Result<E>;
  /** JSON form of an element (hex string for ristretto255, integer for modp groups). */
  toJson(a: E): JsonValue;
  /** Strict inverse of {@link Group.toJson}; validates group membership. */
  fromJson(v: unknown): Result<E>;
  /** JSON form of a scalar (hex string of 32 little-endian bytes for ristretto255, integer for modp). */
  scalarToJson(k: bigint): JsonValue;
  /** Strict inverse of {@link Group.scalarToJson}; rejects values outside [0, q). */
  scalarFromJson(v: unknown): Result<bigint>;

  /** Uniform scalar in [1, q) from `rng` (wide reduction). */
  randomScalar(rng: Rng): bigint;
  /** Hash of arbitrary bytes to a scalar in [0, q), see docs/crypto.md §hash-to-scalar. */
  hashToScalar(data: Uint8Array): bigint;
}

/** Π elements (the identity for none), by the backend's {@link Group.product} when it has one. */
export function productOf<E>(G: Group<E>, elements: readonly E[]): E {
  if (G.product) return G.product(elements);
  let acc = G.identity;
  for (const x of elements) acc = G.op(acc, x);
  return acc;
}

/** A group whose element type is unknown to the caller (for registries). */
// biome-ignore lint/suspicious/noExplicitAny: the element type is existential here.
export type AnyGroup = Group<any>;
