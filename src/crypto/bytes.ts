/** Byte, hex and integer conversions shared by the crypto layer. */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { fail, ok, type Result } from './result.js';

const HEX_RE = /^(?:[0-9a-f]{2})*$/;

/** Lowercase hex of bytes. */
export function toHex(b: Uint8Array): string {
  return bytesToHex(b);
}

/** Strict decoding of lowercase, even-length hex; optionally of an exact byte length. */
export function fromHex(s: unknown, length?: number): Result<Uint8Array> {
  if (typeof s !== 'string') return fail('ENCODING_INVALID', 'expected a hex string');
  if (!HEX_RE.test(s))
    return fail('ENCODING_INVALID', 'expected lowercase hex with an even number of digits');
  if (length !== undefined && s.length !== 2 * length) {
    return fail('ENCODING_INVALID', `expected ${length} bytes of hex, got ${s.length / 2}`);
  }
  return ok(hexToBytes(s));
}

/** UTF-8 encoding of a string. */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Concatenation of byte arrays. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Big-endian unsigned integer of bytes. */
export function bytesToBigBE(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  return BigInt(`0x${toHex(b)}`);
}

/** Little-endian unsigned integer of bytes. */
export function bytesToBigLE(b: Uint8Array): bigint {
  return bytesToBigBE(Uint8Array.from(b).reverse());
}

/** Big-endian encoding of a non-negative integer in exactly `len` bytes (throws if it does not fit). */
export function bigToBytesBE(x: bigint, len: number): Uint8Array {
  if (x < 0n) throw new RangeError('negative integer');
  const hex = x.toString(16);
  if (hex.length > 2 * len) throw new RangeError(`integer does not fit in ${len} bytes`);
  return hexToBytes(hex.padStart(2 * len, '0'));
}

/** Little-endian encoding of a non-negative integer in exactly `len` bytes. */
export function bigToBytesLE(x: bigint, len: number): Uint8Array {
  return bigToBytesBE(x, len).reverse();
}

/** Number of bits of a positive integer. */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** Non-negative remainder. */
export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** Modular inverse by the extended Euclidean algorithm (m > 1, gcd(a, m) = 1; throws otherwise). */
export function modInv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const qt = r0 / r1;
    [r0, r1] = [r1, r0 - qt * r1];
    [s0, s1] = [s1, s0 - qt * s1];
  }
  if (r0 !== 1n) throw new RangeError('not invertible');
  return mod(s0, m);
}

/** Square-and-multiply modular exponentiation in pure BigInt (variable time; reference and fallback). */
export function modPowBig(base: bigint, exp: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  let result = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    e >>= 1n;
    b = (b * b) % m;
  }
  return result;
}

/** Constant-time equality of two byte arrays of equal length (length itself is not secret). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}
