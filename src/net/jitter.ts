/**
 * Random send delays for gossip (seed 000 hardening: random timing), so the moment a node forwards
 * something says less about when it received it. Off unless a client is given {@link SendDelay}.
 */
import type { Rng } from '../crypto/rng.js';

/** Wait a uniformly random whole number of milliseconds in [0, maxMs] before each request. */
export interface SendDelay {
  readonly maxMs: number;
  readonly rng: Rng;
}

/** A uniform integer in [0, maxMs], by rejection sampling over 32-bit draws (no modulo bias). */
export function randomDelayMs(maxMs: number, rng: Rng): number {
  if (!Number.isSafeInteger(maxMs) || maxMs < 0 || maxMs >= 2 ** 32)
    throw new RangeError('maxMs must be an integer in [0, 2^32)');
  const range = maxMs + 1;
  const limit = 2 ** 32 - (2 ** 32 % range);
  for (;;) {
    const b = rng(4);
    const x = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
    if (x < limit) return x % range;
  }
}

/** Resolves after `ms` milliseconds, or rejects with the signal's reason when it is aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
