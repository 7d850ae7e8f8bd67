/**
 * Pure-TypeScript reference backend of ristretto255 on `@noble/curves` (runs in browsers).
 * Variable-base multiplication is constant-time in noble (`multiply`); `multiplyUnsafe` is used only
 * for public scalars in `multiExp`.
 */
import { ristretto255 } from '@noble/curves/ed25519.js';
import { fromHex, toHex } from '../../bytes.js';
import { fail, ok, type Result } from '../../result.js';
import type { Group } from '../group.js';
import { RISTRETTO_Q, ristrettoScalarFromJson, ristrettoScalars, ristrettoScalarToJson } from './common.js';

const P = ristretto255.Point;
/** A ristretto255 point of the noble backend. */
export type NoblePoint = InstanceType<typeof P>;

function mul(a: NoblePoint, k: bigint): NoblePoint {
  return k === 0n ? P.ZERO : a.multiply(k);
}

function decode(bytes: Uint8Array): Result<NoblePoint> {
  if (bytes.length !== 32)
    return fail('ELEMENT_INVALID', `ristretto255 element must be 32 bytes, got ${bytes.length}`);
  try {
    return ok(P.fromBytes(bytes));
  } catch {
    return fail('ELEMENT_INVALID', 'not a canonical ristretto255 encoding');
  }
}

/** Creates the noble ristretto255 group. */
export function nobleRistretto(): Group<NoblePoint> {
  const base = P.BASE;
  base.precompute(8);
  return {
    name: 'ristretto255',
    backend: 'noble',
    q: RISTRETTO_Q,
    g: base,
    identity: P.ZERO,
    elementBytes: 32,
    op: (a, b) => a.add(b),
    inv: (a) => a.negate(),
    div: (a, b) => a.subtract(b),
    exp: mul,
    expG: (k) => mul(base, k),
    multiExp: (bases, exps) => {
      let acc = P.ZERO;
      for (let i = 0; i < bases.length; i++) acc = acc.add(bases[i]!.multiplyUnsafe(exps[i]!));
      return acc;
    },
    eq: (a, b) => a.equals(b),
    encode: (a) => a.toBytes(),
    decode,
    toJson: (a) => toHex(a.toBytes()),
    fromJson: (v) => {
      const b = fromHex(v, 32);
      return b.ok ? decode(b.value) : fail('ELEMENT_INVALID', `ristretto255 element: ${b.message}`);
    },
    scalarToJson: ristrettoScalarToJson,
    scalarFromJson: ristrettoScalarFromJson,
    ...ristrettoScalars,
  };
}
