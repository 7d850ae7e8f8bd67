/**
 * The inner proof-of-work loop, run inside a worker thread.
 *
 * This function is shipped to the worker as source text (`powKernel.toString()`), so it must not refer
 * to anything outside its own body: its only dependencies arrive as parameters. The SHA-256 state of
 * the fixed prefix is computed once and copied per nonce (`Hash.copy()`), so each attempt hashes only
 * the nonce digits and the short suffix.
 */

/** Minimal view of node:crypto's Hash used by the kernel. */
export interface KernelHash {
  update(data: string): KernelHash;
  copy(): KernelHash;
  digest(): Uint8Array;
}

/** The job the kernel receives. */
export interface KernelJob {
  readonly prefix: string;
  readonly suffix: string;
  readonly hardness: number;
  readonly start: number;
  readonly end: number;
  /** Post a progress message every this many milliseconds. */
  readonly reportMs: number;
}

/** Messages the kernel posts. */
export type KernelMessage =
  | { readonly type: 'progress'; readonly hashes: number }
  | { readonly type: 'found'; readonly nonce: number; readonly hashes: number }
  | { readonly type: 'exhausted'; readonly hashes: number };

/**
 * Searches [start, end) for a nonce whose SHA-256 has `hardness` leading zero bits and posts the result.
 * `newHash` returns a fresh SHA-256 hash object; `post` sends a message to the parent thread.
 */
export function powKernel(newHash: () => KernelHash, job: KernelJob, post: (m: KernelMessage) => void): void {
  const base = newHash().update(job.prefix);
  const fullBytes = job.hardness >> 3;
  const mask = (0xff00 >> (job.hardness & 7)) & 0xff;
  let hashes = 0;
  let lastReport = Date.now();
  for (let nonce = job.start; nonce < job.end; nonce++) {
    const d = base
      .copy()
      .update(nonce + job.suffix)
      .digest();
    hashes++;
    let good = (d[fullBytes] === undefined ? 0 : d[fullBytes]! & mask) === 0;
    for (let i = 0; good && i < fullBytes; i++) if (d[i] !== 0) good = false;
    if (good) {
      post({ type: 'found', nonce, hashes });
      return;
    }
    if ((hashes & 0x3fff) === 0) {
      const now = Date.now();
      if (now - lastReport >= job.reportMs) {
        post({ type: 'progress', hashes });
        lastReport = now;
      }
    }
  }
  post({ type: 'exhausted', hashes });
}
