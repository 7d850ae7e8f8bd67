/**
 * ristretto255 on the WebAssembly build of libsodium (`libsodium-wrappers-sumo`); runs in browsers.
 *
 * libsodium's `crypto_scalarmult_ristretto255(_base)` report an identity product as an error (the
 * wrapper throws); here such products are the identity, as the group law requires.
 */
import sodium from 'libsodium-wrappers-sumo';
import type { Group } from '../group.js';
import { RISTRETTO_Q } from './common.js';
import { RISTRETTO_BYTES, RISTRETTO_IDENTITY, type SodiumRistrettoOps, sodiumRistretto } from './sodium.js';

/** Scratch space for scalars: the wrapper copies it into WebAssembly memory at once, then it is wiped. */
const scalarBytes = new Uint8Array(32);
const scalarView = new DataView(scalarBytes.buffer);

/** Writes k ∈ [0, ℓ) as 32 little-endian bytes into {@link scalarBytes} (four 64-bit words, no hex). */
function loadScalar(k: bigint): Uint8Array {
  if (k < 0n || k >= RISTRETTO_Q) throw new RangeError('ristretto255 scalar outside [0, ℓ)');
  scalarView.setBigUint64(0, BigInt.asUintN(64, k), true);
  scalarView.setBigUint64(8, BigInt.asUintN(64, k >> 64n), true);
  scalarView.setBigUint64(16, BigInt.asUintN(64, k >> 128n), true);
  scalarView.setBigUint64(24, k >> 192n, true);
  return scalarBytes;
}

function isIdentity(p: Uint8Array): boolean {
  let d = 0;
  for (let i = 0; i < RISTRETTO_BYTES; i++) d |= p[i]!;
  return d === 0;
}

/** The primitive table of the WebAssembly build (call after `sodium.ready`). */
function wasmOps(): SodiumRistrettoOps {
  return {
    backend: 'sodium-wasm',
    isValidPoint: (p) => p.length === RISTRETTO_BYTES && sodium.crypto_core_ristretto255_is_valid_point(p),
    add: (p, q) => sodium.crypto_core_ristretto255_add(p, q),
    sub: (p, q) => sodium.crypto_core_ristretto255_sub(p, q),
    mul: (p, k) => {
      if (k === 0n || isIdentity(p)) {
        if (k < 0n || k >= RISTRETTO_Q) throw new RangeError('ristretto255 scalar outside [0, ℓ)');
        return new Uint8Array(RISTRETTO_BYTES);
      }
      try {
        return sodium.crypto_scalarmult_ristretto255(loadScalar(k), p);
      } catch (e) {
        // −1 from libsodium: either the product is the identity (p of order dividing k — impossible in
        // a prime-order group for 0 < k < ℓ and p ≠ identity, kept for safety) or p is not a point.
        if (!sodium.crypto_core_ristretto255_is_valid_point(p)) throw e;
        return Uint8Array.from(RISTRETTO_IDENTITY);
      } finally {
        scalarBytes.fill(0);
      }
    },
    mulBase: (k) => {
      if (k === 0n) return new Uint8Array(RISTRETTO_BYTES);
      try {
        return sodium.crypto_scalarmult_ristretto255_base(loadScalar(k));
      } finally {
        scalarBytes.fill(0);
      }
    },
  };
}

let loading: Promise<Group<Uint8Array>> | undefined;

/** The ristretto255 group on libsodium WebAssembly (loaded once, then shared). */
export function wasmRistretto(): Promise<Group<Uint8Array>> {
  loading ??= sodium.ready.then(() => sodiumRistretto(wasmOps()));
  return loading;
}
