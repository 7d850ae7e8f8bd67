/**
 * Ed25519 verification on worker threads, so that signature checks run on every core while the main
 * thread decodes, hashes and stores. An accelerator only: a signature the pool does not confirm is
 * verified again by the normal path, which gives the error code. The pnyx acceptance policy (lengths,
 * canonical S and A, no small-order A) is applied on the main thread before a job is sent; the worker
 * runs the equation check exactly as `ed25519Native` does: on the native addon when it is built
 * and passed its known-answer test, else on OpenSSL.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { nativeEd25519Verify, sodiumAddonPath } from '../crypto/node/sodium-addon.js';
import { passesBytePolicy } from '../crypto/sig/ed25519-policy.js';

/** One signature to check. */
export interface SignatureJob {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

/** A pool of verifying workers. */
export interface VerifyPool {
  /** One boolean per job: true when the signature verifies under the policy. */
  verify(jobs: readonly SignatureJob[]): Promise<boolean[]>;
  close(): Promise<void>;
}

interface Batch {
  readonly id: number;
  readonly n: number;
  readonly pks: Uint8Array;
  readonly sigs: Uint8Array;
  readonly msgs: Uint8Array;
  readonly offs: Uint32Array;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
let fast;
if (workerData.addon) {
  try {
    const f = require(workerData.addon).ed25519Verify;
    if (typeof f === 'function') fast = f;
  } catch {}
}
const keys = new Map();
function key(pk) {
  const h = Buffer.from(pk).toString('hex');
  let k = keys.get(h);
  if (!k) {
    k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(pk).toString('base64url') }, format: 'jwk' });
    if (keys.size > 4096) keys.clear();
    keys.set(h, k);
  }
  return k;
}
parentPort.on('message', (b) => {
  const out = new Uint8Array(b.n);
  for (let i = 0; i < b.n; i++) {
    try {
      const msg = b.msgs.subarray(b.offs[i], b.offs[i + 1]);
      const pk = b.pks.subarray(i * 32, i * 32 + 32);
      const sig = b.sigs.subarray(i * 64, i * 64 + 64);
      out[i] = (fast ? fast(pk, msg, sig) : verify(null, msg, key(pk), sig)) ? 1 : 0;
    } catch { out[i] = 0; }
  }
  parentPort.postMessage({ id: b.id, out }, [out.buffer]);
});
`;

/** Packs jobs into flat buffers (transferred, not copied, to the worker). */
function pack(id: number, jobs: readonly SignatureJob[]): Batch {
  const n = jobs.length;
  const pks = new Uint8Array(n * 32);
  const sigs = new Uint8Array(n * 64);
  const offs = new Uint32Array(n + 1);
  let len = 0;
  for (let i = 0; i < n; i++) {
    offs[i] = len;
    len += jobs[i]!.message.length;
  }
  offs[n] = len;
  const msgs = new Uint8Array(len);
  for (let i = 0; i < n; i++) {
    const j = jobs[i]!;
    pks.set(j.publicKey, i * 32);
    sigs.set(j.signature, i * 64);
    msgs.set(j.message, offs[i]!);
  }
  return { id, n, pks, sigs, msgs, offs };
}

/** Starts `threads` verifying workers (default: the number of cores, at least 1). */
export function createVerifyPool(threads = availableParallelism()): VerifyPool {
  const workers: Worker[] = [];
  // The addon only when this thread found it working (its load-time known-answer test passed).
  const addon = nativeEd25519Verify() ? sodiumAddonPath() : undefined;
  const waiting = new Map<number, { resolve: (out: Uint8Array) => void; reject: (e: Error) => void }>();
  let next = 0;
  let turn = 0;
  for (let i = 0; i < Math.max(1, threads); i++) {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { addon } });
    w.unref(); // an idle pool never keeps the process alive
    w.on('message', (m: { id: number; out: Uint8Array }) => {
      waiting.get(m.id)?.resolve(m.out);
      waiting.delete(m.id);
    });
    // A failed worker fails every batch in flight; callers then verify on the main thread.
    w.on('error', (e: Error) => {
      for (const p of waiting.values()) p.reject(e);
      waiting.clear();
    });
    workers.push(w);
  }
  const run = (jobs: readonly SignatureJob[]): Promise<Uint8Array> =>
    new Promise((resolve, reject) => {
      const b = pack(next++, jobs);
      const w = workers[turn++ % workers.length]!;
      waiting.set(b.id, { resolve, reject });
      const buffers = [b.pks.buffer, b.sigs.buffer, b.msgs.buffer, b.offs.buffer] as ArrayBuffer[];
      w.postMessage(b, buffers);
    });
  return {
    async verify(jobs) {
      const result = new Array<boolean>(jobs.length).fill(false);
      // The byte policy first, here; only jobs that pass it go to OpenSSL.
      const sent: number[] = [];
      for (let i = 0; i < jobs.length; i++)
        if (passesBytePolicy(jobs[i]!.publicKey, jobs[i]!.signature)) sent.push(i);
      const per = Math.ceil(sent.length / workers.length);
      const parts: Promise<void>[] = [];
      for (let k = 0; k < sent.length; k += per) {
        const idx = sent.slice(k, k + per);
        parts.push(
          run(idx.map((i) => jobs[i]!)).then((out) => {
            idx.forEach((i, j) => {
              result[i] = out[j] === 1;
            });
          }),
        );
      }
      await Promise.all(parts);
      return result;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
