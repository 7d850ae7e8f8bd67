/**
 * Ed25519 verification on worker threads, so that signature checks run on every core while the main
 * thread decodes, hashes and stores. An accelerator only: a signature the pool does not confirm is
 * verified again by the normal path, which gives the error code. Each worker (verify-worker.ts) applies
 * the whole pnyx acceptance policy and runs the equation exactly as `ed25519Native` does: on the native
 * addon when it is built and passed its known-answer test, else on OpenSSL.
 *
 * Messages: `{id, kind: "jobs", n, pks, sigs, msgs, offs}` (jobs packed into transferred buffers) is
 * answered `{id, kind: "jobs", out}` with one byte per job; `{id, kind: "page", text}` (a page of blocks
 * as a peer sent it, `{"entries":[…]}`) is answered `{id, kind: "page", ids}` with the ids of its
 * transactions and approvals whose signatures verify.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledUrl } from '../store/compiled-url.js';

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
  /**
   * Ids ({@link txId}, {@link approvalId}) of the transactions and approvals of a page of blocks, given as
   * the JSON text `{"entries":[…]}` a peer sent, whose signatures verify. Unreadable text or items verify
   * nothing (the ledger's checks then report them).
   */
  verifyPage(text: string): Promise<Set<string>>;
  close(): Promise<void>;
}

/** A request to a worker. */
export type PoolRequest =
  | {
      readonly id: number;
      readonly kind: 'jobs';
      readonly n: number;
      readonly pks: Uint8Array;
      readonly sigs: Uint8Array;
      readonly msgs: Uint8Array;
      readonly offs: Uint32Array;
    }
  | { readonly id: number; readonly kind: 'page'; readonly text: string };

/** A worker's answer. */
export type PoolResponse =
  | { readonly id: number; readonly kind: 'jobs'; readonly out: Uint8Array }
  | { readonly id: number; readonly kind: 'page'; readonly ids: readonly string[] };

/** Packs jobs into flat buffers (transferred, not copied, to the worker). */
function pack(id: number, jobs: readonly SignatureJob[]): Extract<PoolRequest, { kind: 'jobs' }> {
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
  return { id, kind: 'jobs', n, pks, sigs, msgs, offs };
}

/** Options of {@link createVerifyPool}. */
export interface VerifyPoolOptions {
  /** The worker script (default: the compiled `verify-worker.js`). */
  readonly workerUrl?: URL;
}

/** A worker and the requests it has not answered yet. */
interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (r: PoolResponse) => void; reject: (e: Error) => void }>;
  alive: boolean;
}

/**
 * Starts `threads` verifying workers (default: the number of cores, at least 1). A worker that fails or
 * exits fails the requests it holds and takes no more; with no worker left every request fails at once
 * (callers then verify on the main thread), so a broken pool slows a node down but never stalls it.
 */
export function createVerifyPool(threads = availableParallelism(), opts: VerifyPoolOptions = {}): VerifyPool {
  const url = opts.workerUrl ?? compiledUrl(import.meta.url, 'verify-worker.js');
  const slots: Slot[] = [];
  let next = 0;
  let turn = 0;
  const stop = (slot: Slot, e: Error) => {
    slot.alive = false;
    for (const p of slot.pending.values()) p.reject(e);
    slot.pending.clear();
  };
  for (let i = 0; i < Math.max(1, threads); i++) {
    const slot: Slot = { worker: new Worker(url), pending: new Map(), alive: true };
    slot.worker.unref(); // an idle pool never keeps the process alive
    slot.worker.on('message', (m: PoolResponse) => {
      slot.pending.get(m.id)?.resolve(m);
      slot.pending.delete(m.id);
    });
    slot.worker.on('error', (e: Error) => stop(slot, e));
    slot.worker.on('exit', (code) => stop(slot, new Error(`a verify worker exited (code ${code})`)));
    slots.push(slot);
  }
  const send = (req: PoolRequest, transfer: ArrayBuffer[] = []): Promise<PoolResponse> => {
    const alive = slots.filter((x) => x.alive);
    if (alive.length === 0) return Promise.reject(new Error('the verify pool has no running worker'));
    const slot = alive[turn++ % alive.length]!;
    return new Promise((resolve, reject) => {
      slot.pending.set(req.id, { resolve, reject });
      slot.worker.postMessage(req, transfer);
    });
  };
  const run = async (jobs: readonly SignatureJob[]): Promise<Uint8Array> => {
    const b = pack(next++, jobs);
    const r = await send(b, [b.pks.buffer, b.sigs.buffer, b.msgs.buffer, b.offs.buffer] as ArrayBuffer[]);
    return r.kind === 'jobs' ? r.out : new Uint8Array(jobs.length);
  };
  return {
    async verify(jobs) {
      const result = new Array<boolean>(jobs.length).fill(false);
      const per = Math.ceil(jobs.length / Math.max(1, slots.filter((x) => x.alive).length));
      const parts: Promise<void>[] = [];
      for (let k = 0; k < jobs.length; k += per) {
        parts.push(
          run(jobs.slice(k, k + per)).then((out) => {
            for (let j = 0; j < out.length; j++) result[k + j] = out[j] === 1;
          }),
        );
      }
      await Promise.all(parts);
      return result;
    },
    async verifyPage(text) {
      const r = await send({ id: next++, kind: 'page', text });
      return new Set(r.kind === 'page' ? r.ids : []);
    },
    async close() {
      await Promise.all(slots.map((x) => x.worker.terminate()));
    },
  };
}
