/**
 * Exponential ElGamal over any {@link Group}.
 *
 * A message m ∈ [0, q) is encrypted under the public key pk = g^x with randomness r as
 * (a, b) = (g^r, g^m · pk^r). Ciphertexts multiply component-wise into an encryption of the sum of
 * messages (and of randomness); decryption returns the element g^m = b / a^x, whose discrete log is
 * found by {@link DlogSolver} when m is small.
 */
import type { JsonObject } from './encoding/canonical-json.js';
import { type Group, productOf } from './group/group.js';
import { exactKeys } from './proofs/decode.js';
import { ok, type Result, within } from './result.js';

/** An exponential-ElGamal ciphertext: a = g^r, b = g^m · pk^r. */
export interface Ciphertext<E> {
  readonly a: E;
  readonly b: E;
}

/** Reduces an integer (possibly negative or ≥ q) to its scalar representative in [0, q). */
export function toScalar<E>(G: Group<E>, k: bigint): bigint {
  const r = k % G.q;
  return r < 0n ? r + G.q : r;
}

/**
 * Encrypts m under pk with randomness r (both reduced mod q). The secret exponent r is used only with
 * `expG` and `exp`, never with `multiExp`.
 */
export function encrypt<E>(G: Group<E>, pk: E, m: bigint, r: bigint): Ciphertext<E> {
  const rr = toScalar(G, r);
  return { a: G.expG(rr), b: G.op(G.expG(toScalar(G, m)), G.exp(pk, rr)) };
}

/** Component-wise product: an encryption of the sum of the two messages. */
export function addCiphertexts<E>(G: Group<E>, x: Ciphertext<E>, y: Ciphertext<E>): Ciphertext<E> {
  return { a: G.op(x.a, y.a), b: G.op(x.b, y.b) };
}

/** Product of many ciphertexts; (1, 1), the trivial encryption of 0, for an empty list. */
export function sumCiphertexts<E>(G: Group<E>, cts: readonly Ciphertext<E>[]): Ciphertext<E> {
  return {
    a: productOf(
      G,
      cts.map((ct) => ct.a),
    ),
    b: productOf(
      G,
      cts.map((ct) => ct.b),
    ),
  };
}

/** Decrypts to the element g^m = b / a^sk (constant-time in sk as far as `G.exp` is). */
export function decryptToElement<E>(G: Group<E>, ct: Ciphertext<E>, sk: bigint): E {
  return G.div(ct.b, G.exp(ct.a, toScalar(G, sk)));
}

/** Equality of ciphertexts. */
export function ciphertextEquals<E>(G: Group<E>, x: Ciphertext<E>, y: Ciphertext<E>): boolean {
  return G.eq(x.a, y.a) && G.eq(x.b, y.b);
}

/** JSON form `{"a": <element>, "b": <element>}`. */
export function ciphertextToJson<E>(G: Group<E>, ct: Ciphertext<E>): JsonObject {
  return { a: G.toJson(ct.a), b: G.toJson(ct.b) };
}

/** Strict inverse of {@link ciphertextToJson}: exact key set, both parts must be group elements. */
export function ciphertextFromJson<E>(G: Group<E>, v: unknown): Result<Ciphertext<E>> {
  const o = exactKeys(v, ['a', 'b'], 'ciphertext');
  if (!o.ok) return o;
  const a = G.fromJson(o.value.a);
  if (!a.ok) return within('ciphertext.a', a);
  const b = G.fromJson(o.value.b);
  if (!b.ok) return within('ciphertext.b', b);
  return ok({ a: a.value, b: b.value });
}
