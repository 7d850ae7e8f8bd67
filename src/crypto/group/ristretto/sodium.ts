/**
 * ristretto255 over libsodium: one group implementation shared by every libsodium build.
 *
 * The native Node addon (src/crypto/node/ristretto-native.ts) and the WebAssembly build
 * (./sodium-wasm.ts) both expose the same small table of primitives over 32-byte RFC 9496
 * encodings, {@link SodiumRistrettoOps}; {@link sodiumRistretto} turns such a table into a
 * {@link Group}. Elements are the canonical encodings themselves, so `encode` is a copy and
 * equality is byte equality.
 */
import { bytesEqual, fromHex, toHex } from '../../bytes.js';
import { fail, ok, type Result } from '../../result.js';
import type { Group } from '../group.js';
import {
  RISTRETTO_BASE_HEX,
  RISTRETTO_Q,
  ristrettoScalarFromJson,
  ristrettoScalars,
  ristrettoScalarToJson,
} from './common.js';

/** Byte length of an encoded ristretto255 element. */
export const RISTRETTO_BYTES = 32;

/** Canonical encoding of the base point B. */
export const RISTRETTO_BASE: Uint8Array = fromHexConstant(RISTRETTO_BASE_HEX);

/** Canonical encoding of the identity (32 zero bytes). */
export const RISTRETTO_IDENTITY: Uint8Array = new Uint8Array(RISTRETTO_BYTES);

/**
 * The ristretto255 primitives a libsodium build provides, over 32-byte encodings.
 * Points handed to `add`, `sub`, `mul` and `multiExp` are always valid encodings (the group validates
 * on decode); scalars are integers in [0, ℓ). Every function returns a fresh array.
 */
export interface SodiumRistrettoOps {
  /** Which build this is (becomes {@link Group.backend}), e.g. `sodium-native` or `sodium-wasm`. */
  readonly backend: string;
  /** True iff `p` is 32 bytes and the canonical encoding of a group element. */
  isValidPoint(p: Uint8Array): boolean;
  /** P + Q. */
  add(p: Uint8Array, q: Uint8Array): Uint8Array;
  /** P − Q. */
  sub(p: Uint8Array, q: Uint8Array): Uint8Array;
  /** k·P, the identity when the product is the identity; constant-time in k. */
  mul(p: Uint8Array, k: bigint): Uint8Array;
  /** k·B for the base point B, the identity for k = 0; constant-time in k. */
  mulBase(k: bigint): Uint8Array;
  /** Σ kᵢ·Pᵢ for public scalars, when the build can do it in one call. */
  multiExp?(points: readonly Uint8Array[], ks: readonly bigint[]): Uint8Array;
  /** Σ Pᵢ in one call (one decoding per point and one encoding), when the build can. */
  sum?(points: readonly Uint8Array[]): Uint8Array;
}

function fromHexConstant(hex: string): Uint8Array {
  const r = fromHex(hex, RISTRETTO_BYTES);
  if (!r.ok) throw new Error('bad built-in constant');
  return r.value;
}

/**
 * Strict decoding: exactly 32 bytes, top bit clear (s < 2²⁵⁵, which some libsodium versions do not
 * check themselves), and the canonical encoding of a group element per RFC 9496 §4.3.1.
 */
function decodeWith(ops: SodiumRistrettoOps, bytes: Uint8Array): Result<Uint8Array> {
  if (bytes.length !== RISTRETTO_BYTES)
    return fail('ELEMENT_INVALID', `ristretto255 element must be 32 bytes, got ${bytes.length}`);
  // Non-canonical: the 256th bit must be zero.
  if ((bytes[RISTRETTO_BYTES - 1]! & 0x80) !== 0 || !ops.isValidPoint(bytes))
    return fail('ELEMENT_INVALID', 'not a canonical ristretto255 encoding');
  return ok(Uint8Array.from(bytes));
}

/** Σ kᵢ·Pᵢ by separate multiplications, using the base-point tables where Pᵢ = B. */
function multiExpLoop(ops: SodiumRistrettoOps, points: readonly Uint8Array[], ks: readonly bigint[]) {
  let acc: Uint8Array | undefined; // undefined stands for the identity, so no addition of it is paid
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const k = ks[i]!;
    if (k === 0n) continue;
    const term = bytesEqual(p, RISTRETTO_BASE) ? ops.mulBase(k) : ops.mul(p, k);
    acc = acc === undefined ? term : ops.add(acc, term);
  }
  return acc ?? Uint8Array.from(RISTRETTO_IDENTITY);
}

/** Builds the ristretto255 group over a table of libsodium primitives. */
export function sodiumRistretto(ops: SodiumRistrettoOps): Group<Uint8Array> {
  const decode = (bytes: Uint8Array): Result<Uint8Array> => decodeWith(ops, bytes);
  return {
    name: 'ristretto255',
    backend: ops.backend,
    q: RISTRETTO_Q,
    g: RISTRETTO_BASE,
    identity: RISTRETTO_IDENTITY,
    elementBytes: RISTRETTO_BYTES,
    op: (a, b) => ops.add(a, b),
    inv: (a) => ops.sub(RISTRETTO_IDENTITY, a),
    div: (a, b) => ops.sub(a, b),
    exp: (a, k) => ops.mul(a, k),
    expG: (k) => ops.mulBase(k),
    multiExp: (bases, exps) => {
      if (bases.length !== exps.length)
        throw new RangeError('multiExp: bases and exponents differ in length');
      return ops.multiExp ? ops.multiExp(bases, exps) : multiExpLoop(ops, bases, exps);
    },
    ...(ops.sum ? { product: ops.sum } : {}),
    eq: (a, b) => bytesEqual(a, b),
    encode: (a) => Uint8Array.from(a),
    decode,
    toJson: (a) => toHex(a),
    fromJson: (v) => {
      const b = fromHex(v, RISTRETTO_BYTES);
      return b.ok ? decode(b.value) : fail('ELEMENT_INVALID', `ristretto255 element: ${b.message}`);
    },
    scalarToJson: ristrettoScalarToJson,
    scalarFromJson: ristrettoScalarFromJson,
    ...ristrettoScalars,
  };
}
