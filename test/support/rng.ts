/** Deterministic random generator for reproducible tests (SHA-256 in counter mode over a seed). */
import { sha256 } from '../../src/crypto/encoding/hash.js';
import type { Rng } from '../../src/crypto/rng.js';

/** A seeded, deterministic {@link Rng}. Never use outside tests. */
export function seededRng(seed: string): Rng {
  let counter = 0;
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 32) {
      const block = sha256(`${seed}/${counter++}`);
      out.set(block.subarray(0, Math.min(32, n - i)), i);
    }
    return out;
  };
}
