/** Scalar sampling and hashing shared by every group backend. */
import { bitLength, bytesToBigBE, concatBytes, utf8 } from '../bytes.js';
import { sha512 } from '../encoding/hash.js';
import type { Rng } from '../rng.js';

const H2S_PREFIX = utf8('pnyx/hash-to-scalar/v1');

/** Bytes needed for a scalar mod q with 128 extra bits, so the reduction bias is below 2^-128. */
export function wideBytes(q: bigint): number {
  return Math.ceil((bitLength(q) + 128) / 8);
}

/**
 * Hash to a scalar in [0, q): the first L = ⌈(|q|+128)/8⌉ bytes of
 * SHA-512(prefix ‖ u32be(0) ‖ data) ‖ SHA-512(prefix ‖ u32be(1) ‖ data) ‖ …, read big-endian, mod q.
 */
export function hashToScalarMod(q: bigint, data: Uint8Array): bigint {
  const L = wideBytes(q);
  const blocks: Uint8Array[] = [];
  for (let i = 0, have = 0; have < L; i++, have += 64) {
    const ctr = new Uint8Array([i >>> 24, (i >>> 16) & 255, (i >>> 8) & 255, i & 255]);
    blocks.push(sha512(concatBytes(H2S_PREFIX, ctr, data)));
  }
  return bytesToBigBE(concatBytes(...blocks).subarray(0, L)) % q;
}

/** Uniform scalar in [1, q): L random bytes, big-endian, mod q; 0 is resampled. */
export function randomScalarMod(q: bigint, rng: Rng): bigint {
  const L = wideBytes(q);
  for (;;) {
    const x = bytesToBigBE(rng(L)) % q;
    if (x !== 0n) return x;
  }
}
