/**
 * The additively homomorphic encryption scheme of an election, behind one interface so that ballot
 * creation, checking and tallying are written once for ElGamal (on any group) and for Paillier.
 * Ciphertexts are opaque (`C`); proofs cross this interface as JSON and are decoded strictly by the
 * scheme's own verifiers.
 */
import type { JsonValue } from '../crypto/encoding/canonical-json.js';
import type { ProofContext } from '../crypto/proofs/fiat-shamir.js';
import type { Check, Result } from '../crypto/result.js';
import type { Rng } from '../crypto/rng.js';

/** Names of the ballot encryption schemes. */
export type SchemeName = `elgamal-${string}` | 'paillier';

/** Operations a ballot scheme provides. */
export interface BallotScheme<C> {
  /** e.g. `elgamal-ristretto255`, `elgamal-modp2048`, `paillier`. */
  readonly name: SchemeName;
  /** Fresh encryption randomness. */
  randomness(rng: Rng): bigint;
  /** Encrypts m with randomness r. */
  encrypt(m: bigint, r: bigint): C;
  /** Homomorphic sum of ciphertexts (the encryption of 0 with no randomness for an empty list). */
  sum(cts: readonly C[]): C;
  /** Randomness of the sum of ciphertexts encrypted with `rs`. */
  sumRandomness(rs: readonly bigint[]): bigint;
  /** Equality of ciphertexts. */
  eq(x: C, y: C): boolean;
  /** Proves that ct = encrypt(m, r) with m ∈ {0, 1}. */
  proveZeroOne(ctx: ProofContext, ct: C, m: 0 | 1, r: bigint, rng: Rng): JsonValue;
  /** Checks a 0/1 proof. */
  verifyZeroOne(ctx: ProofContext, ct: C, proof: unknown): Check;
  /** Proves that ct = encrypt(m, r) with min ≤ m ≤ max. */
  proveRange(ctx: ProofContext, ct: C, m: number, r: bigint, min: number, max: number, rng: Rng): JsonValue;
  /** Checks a selection-limit proof. */
  verifyRange(ctx: ProofContext, ct: C, min: number, max: number, proof: unknown): Check;
  /** JSON form of a ciphertext. */
  ctToJson(ct: C): JsonValue;
  /** Strict decoder of a ciphertext (validates group membership / range). */
  ctFromJson(v: unknown): Result<C>;
  /** JSON form of encryption randomness (revealed by a Benaloh audit). */
  randomnessToJson(r: bigint): JsonValue;
  /** Strict decoder of revealed randomness. */
  randomnessFromJson(v: unknown): Result<bigint>;
}

/** A scheme whose ciphertext type is unknown to the caller. */
// biome-ignore lint/suspicious/noExplicitAny: the ciphertext type is existential here.
export type AnyBallotScheme = BallotScheme<any>;
