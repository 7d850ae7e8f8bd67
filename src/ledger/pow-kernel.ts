/**
 * The inner proof-of-work loop: a self-contained SHA-256 over `prefix ‖ decimal(nonce) ‖ suffix`.
 *
 * Speed comes from three facts: (1) the 64-byte blocks of the prefix are compressed once (the
 * "midstate"); (2) per nonce only the tail — the prefix's last partial block, the digits, the suffix and
 * the padding — is compressed, from a copy of the midstate; (3) tail blocks that do not contain a digit
 * have a constant message schedule, expanded once. The function refers to nothing outside its body, so it
 * can be shipped to a worker thread as source text (`powKernel.toString()`). Pure: runs anywhere.
 */

/** The job the kernel receives. */
export interface KernelJob {
  readonly prefix: string;
  readonly suffix: string;
  readonly hardness: number;
  /** First nonce (inclusive). */
  readonly start: number;
  /** Last nonce (exclusive); at most 2^53. */
  readonly end: number;
  /** Post a progress message every this many milliseconds. */
  readonly reportMs: number;
  /**
   * A shared flag (e.g. over a SharedArrayBuffer): the search stops with `stopped` soon after another
   * thread sets element 0 to a non-zero value (checked every 256 hashes).
   */
  readonly stop?: Int32Array;
}

/** Messages the kernel posts; `hashes` counts attempts since the start. */
export type KernelMessage =
  | { readonly type: 'progress'; readonly hashes: number }
  | { readonly type: 'found'; readonly nonce: number; readonly hashes: number }
  | { readonly type: 'exhausted'; readonly hashes: number }
  | { readonly type: 'stopped'; readonly hashes: number };

/** Searches [start, end) for a nonce whose SHA-256 has `hardness` leading zero bits, posting the outcome. */
export function powKernel(job: KernelJob, post: (m: KernelMessage) => void): void {
  // SHA-256 round constants (FIPS 180-4 §4.2.2).
  const K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  const enc = new TextEncoder();
  const prefix = enc.encode(job.prefix);
  const suffix = enc.encode(job.suffix);
  const full = prefix.length - (prefix.length % 64);
  const rem = prefix.length - full;
  // Message schedules: one per block; `fixedW[b]` is set for tail blocks without digits.
  const W = new Int32Array(64);
  const H = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const mid = new Int32Array(8);
  const fullWords = job.hardness >>> 5;
  const maskBits = job.hardness & 31;
  const mask = maskBits === 0 ? 0 : (0xffffffff << (32 - maskBits)) | 0;
  let tail = new Uint8Array(0);
  let fixedW: (Int32Array | undefined)[] = [];
  let nDigits = 0;
  let hashes = 0;
  let lastReport = Date.now();
  let nonce = job.start;
  // Pass −1 compresses the prefix's full blocks into the midstate; every later pass hashes one nonce.
  for (let pass = -1; ; pass++) {
    let src: Uint8Array;
    if (pass < 0) {
      src = prefix.subarray(0, full);
    } else {
      if (nonce >= job.end) {
        post({ type: 'exhausted', hashes });
        return;
      }
      const digits = String(nonce);
      if (digits.length !== nDigits) {
        // New digit count: rebuild the tail (partial prefix block, digits, suffix, 0x80, zeros, bit length).
        nDigits = digits.length;
        const bytes = prefix.length + nDigits + suffix.length;
        const tailLen = ((rem + nDigits + suffix.length + 9 + 63) >>> 6) << 6;
        tail = new Uint8Array(tailLen);
        tail.set(prefix.subarray(full), 0);
        tail.set(suffix, rem + nDigits);
        tail[rem + nDigits + suffix.length] = 0x80;
        const bits = bytes * 8;
        const hi = Math.floor(bits / 0x100000000);
        tail[tailLen - 8] = hi >>> 24;
        tail[tailLen - 7] = (hi >>> 16) & 0xff;
        tail[tailLen - 6] = (hi >>> 8) & 0xff;
        tail[tailLen - 5] = hi & 0xff;
        tail[tailLen - 4] = bits >>> 24;
        tail[tailLen - 3] = (bits >>> 16) & 0xff;
        tail[tailLen - 2] = (bits >>> 8) & 0xff;
        tail[tailLen - 1] = bits & 0xff;
        fixedW = [];
        for (let b = 0; b < tailLen >>> 6; b++) {
          const hasDigits = b * 64 < rem + nDigits && rem < (b + 1) * 64;
          if (hasDigits) {
            fixedW.push(undefined);
            continue;
          }
          const w = new Int32Array(64);
          for (let t = 0; t < 16; t++) {
            const j = b * 64 + t * 4;
            w[t] = (tail[j]! << 24) | (tail[j + 1]! << 16) | (tail[j + 2]! << 8) | tail[j + 3]!;
          }
          for (let t = 16; t < 64; t++) {
            const x = w[t - 15]!;
            const y = w[t - 2]!;
            const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
            const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
            w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
          }
          fixedW.push(w);
        }
      }
      for (let i = 0; i < nDigits; i++) tail[rem + i] = digits.charCodeAt(i);
      src = tail;
      H.set(mid);
    }
    // Compress each 64-byte block of src into H.
    for (let b = 0; b < src.length >>> 6; b++) {
      let w = pass < 0 ? undefined : fixedW[b];
      if (w === undefined) {
        w = W;
        const o = b << 6;
        for (let t = 0; t < 16; t++) {
          const j = o + (t << 2);
          w[t] = (src[j]! << 24) | (src[j + 1]! << 16) | (src[j + 2]! << 8) | src[j + 3]!;
        }
        for (let t = 16; t < 64; t++) {
          const x = w[t - 15]!;
          const y = w[t - 2]!;
          const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
          const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
          w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
        }
      }
      let a = H[0]!;
      let bb = H[1]!;
      let c = H[2]!;
      let d = H[3]!;
      let e = H[4]!;
      let f = H[5]!;
      let g = H[6]!;
      let h = H[7]!;
      for (let t = 0; t < 64; t++) {
        const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
        const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
        h = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = bb;
        bb = a;
        a = (t1 + t2) | 0;
      }
      H[0] = (H[0]! + a) | 0;
      H[1] = (H[1]! + bb) | 0;
      H[2] = (H[2]! + c) | 0;
      H[3] = (H[3]! + d) | 0;
      H[4] = (H[4]! + e) | 0;
      H[5] = (H[5]! + f) | 0;
      H[6] = (H[6]! + g) | 0;
      H[7] = (H[7]! + h) | 0;
    }
    if (pass < 0) {
      mid.set(H);
      continue;
    }
    // The digest's first `hardness` bits must be zero.
    hashes++;
    let good = true;
    for (let i = 0; i < fullWords && good; i++) if (H[i] !== 0) good = false;
    if (good && maskBits !== 0 && (H[fullWords]! & mask) !== 0) good = false;
    if (good) {
      post({ type: 'found', nonce, hashes });
      return;
    }
    nonce++;
    if ((hashes & 0xff) === 0 && job.stop !== undefined && Atomics.load(job.stop, 0) !== 0) {
      post({ type: 'stopped', hashes });
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
}
