/** Parts shared by every ristretto255 backend: order, scalar JSON form, hashing. */
import { bigToBytesLE, bytesToBigLE, fromHex, toHex } from '../../bytes.js';
import type { JsonValue } from '../../encoding/canonical-json.js';
import { fail, ok, type Result } from '../../result.js';
import type { Rng } from '../../rng.js';
import { hashToScalarMod, randomScalarMod } from '../scalars.js';

/** Order ℓ = 2^252 + 27742317777372353535851937790883648493 of the ristretto255 group (RFC 9496). */
export const RISTRETTO_Q = 2n ** 252n + 27742317777372353535851937790883648493n;

/** Canonical encoding of the ristretto255 base point (RFC 9496 §4.4). */
export const RISTRETTO_BASE_HEX = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76';

/** Scalar → 32-byte little-endian hex. */
export function ristrettoScalarToJson(k: bigint): JsonValue {
  return toHex(bigToBytesLE(k, 32));
}

/** 32-byte little-endian hex → scalar; rejects values ≥ ℓ (non-canonical). */
export function ristrettoScalarFromJson(v: unknown): Result<bigint> {
  const b = fromHex(v, 32);
  if (!b.ok) return fail('SCALAR_INVALID', `scalar: ${b.message}`);
  const k = bytesToBigLE(b.value);
  if (k >= RISTRETTO_Q) return fail('SCALAR_INVALID', 'scalar is not reduced mod ℓ');
  return ok(k);
}

/** Scalar helpers bound to ℓ. */
export const ristrettoScalars = {
  randomScalar: (rng: Rng): bigint => randomScalarMod(RISTRETTO_Q, rng),
  hashToScalar: (data: Uint8Array): bigint => hashToScalarMod(RISTRETTO_Q, data),
};
