/**
 * Randomness is always passed in: every function that needs random bytes takes an {@link Rng}.
 * {@link systemRng} reads the platform CSPRNG (Web Crypto, present in Node and browsers);
 * tests may pass a deterministic one.
 */

/** Returns `n` uniformly random bytes. */
export type Rng = (n: number) => Uint8Array;

/** The platform's cryptographically secure generator (`crypto.getRandomValues`). */
export const systemRng: Rng = (n: number) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  }
  return out;
};
