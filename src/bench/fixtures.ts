/** Elections and keys used by the benchmarks. */
import { unwrap } from '../crypto/result.js';
import { type Manifest, readManifest } from '../protocol/manifest.js';

/** One 1-of-5 question: the ballot every `*.ballot1of5.*` figure creates or checks. */
export const ONE_OF_FIVE: Manifest = unwrap(
  readManifest({
    title: 'Benchmark',
    questions: [
      {
        id: 'q',
        text: 'Pick one',
        kind: 'one-of-n',
        min: 1,
        max: 1,
        options: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: id })),
      },
    ],
  }),
);

/** Plaintext of the benchmark ballot (third option selected). */
export const ONE_OF_FIVE_VOTE = [[0, 0, 1, 0, 0]] as const;

/** Fingerprint used by benchmark proofs. */
export const BENCH_FINGERPRINT = '00'.repeat(32);
