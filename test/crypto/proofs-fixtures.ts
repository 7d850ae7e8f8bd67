/** Shared fixtures of the ElGamal, proof and threshold tests: a seeded rng and the test groups. */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from '../../src/crypto/bytes.js';
import type { ProofContext } from '../../src/crypto/proofs/fiat-shamir.js';
import type { Rng } from '../../src/crypto/rng.js';

/** Deterministic rng: SHA-256(seed ‖ u32be(counter)) blocks. For tests and golden files only. */
export function seededRng(seed: string): Rng {
  let counter = 0;
  const s = utf8(seed);
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let o = 0; o < n; o += 32) {
      const c = counter++;
      const block = sha256(
        concatBytes(s, new Uint8Array([c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255])),
      );
      out.set(block.subarray(0, Math.min(32, n - o)), o);
    }
    return out;
  };
}

/** A proof context for tests. */
export const CTX: ProofContext = { fingerprint: 'ab'.repeat(32), label: { q: 0, o: 1 } };

/** Variants of a proof context, each of which must make a proof fail. */
export function mutatedContexts(ctx: ProofContext): ProofContext[] {
  const fp = ctx.fingerprint;
  const flipped = (fp[0] === '0' ? '1' : '0') + fp.slice(1);
  return [
    { ...ctx, fingerprint: flipped },
    { fingerprint: fp },
    { fingerprint: fp, label: { other: 'label' } },
  ];
}
