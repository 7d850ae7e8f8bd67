/**
 * Optional padding of JSON bodies to fixed size buckets (seed 000 hardening: equal packet sizes).
 *
 * A body of n bytes is followed by spaces up to the smallest bucket ≥ n. Trailing whitespace is
 * insignificant in JSON, so receivers need no change; an observer of the encrypted stream learns only
 * the bucket. Bodies larger than the largest bucket are not padded. Off unless a server or client is
 * given {@link PaddingOptions}.
 */

/** Padding settings: the bucket sizes in bytes, ascending. */
export interface PaddingOptions {
  readonly buckets: readonly number[];
}

/** 1 KiB, 4 KiB, 16 KiB, 64 KiB, 256 KiB, 1 MiB. */
export const DEFAULT_BUCKETS: readonly number[] = Object.freeze([1024, 4096, 16384, 65536, 262144, 1048576]);

/** The size a body of `n` bytes is padded to: the smallest bucket ≥ n, or n past the largest bucket. */
export function paddedSize(n: number, buckets: readonly number[]): number {
  for (const b of buckets) if (b >= n) return b;
  return n;
}

/** Appends spaces to JSON text so its UTF-8 length reaches its bucket. */
export function padJson(text: string, opts: PaddingOptions): string {
  const n = Buffer.byteLength(text, 'utf8');
  const target = paddedSize(n, opts.buckets);
  return target > n ? text + ' '.repeat(target - n) : text;
}

/** Checks that buckets are positive ascending integers; throws RangeError otherwise. */
export function checkPadding(opts: PaddingOptions): PaddingOptions {
  let last = 0;
  for (const b of opts.buckets) {
    if (!Number.isSafeInteger(b) || b <= last)
      throw new RangeError('padding buckets must be ascending integers');
    last = b;
  }
  return opts;
}
