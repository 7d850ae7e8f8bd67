/**
 * Every write of the ballot box goes through a {@link BoxWriter}: a group commit (new records, superseded
 * marks, the running sum, in one transaction), and the forwarder's marks. On PostgreSQL the writes go
 * through Kysely (the driver is asynchronous). On SQLite they run on a dedicated thread with its own
 * connection to the node's file (`writer-thread.ts`): a commit's fsync (`synchronous=FULL`) then never
 * blocks the event loop that answers voters, and the requests that arrive meanwhile form the next batch.
 */
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { compiledUrl } from '../compiled-url.js';
import { insertRecords, markIncluded, markRefused, markSuperseded, type NewRecord } from './records.js';
import type { BallotBoxDatabase } from './schema.js';
import { type StoredSum, writeSum } from './sum.js';

/** One group commit. */
export interface BoxBatch {
  readonly records: readonly NewRecord[];
  /** Trackers of casts replaced by a later cast of the same key. */
  readonly superseded: readonly string[];
  /** The running sum after the batch. */
  readonly sum: StoredSum;
}

/** The box's writes; each resolves once committed (durable). */
export interface BoxWriter {
  commit(b: BoxBatch): Promise<void>;
  included(rows: readonly { seq: number; tx_id: string }[]): Promise<void>;
  refused(seq: number, reason: string): Promise<void>;
  close(): Promise<void>;
}

/** Writes through Kysely on the calling thread. */
export function kyselyWriter(db: Kysely<BallotBoxDatabase>): BoxWriter {
  return {
    commit: (b) =>
      db.transaction().execute(async (t) => {
        await insertRecords(t, b.records);
        await markSuperseded(t, b.superseded);
        await writeSum(t, b.sum);
      }),
    included: (rows) => db.transaction().execute((t) => markIncluded(t, rows)),
    refused: (seq, reason) => markRefused(db, seq, reason),
    async close() {},
  };
}

/** One write for the writer thread. */
export type WriterOp =
  | { readonly op: 'commit'; readonly batch: BoxBatch }
  | { readonly op: 'included'; readonly rows: readonly { seq: number; tx_id: string }[] }
  | { readonly op: 'refused'; readonly seq: number; readonly reason: string };

/** A request to the writer thread (sent as its JSON text). */
export type WriterRequest = WriterOp & { readonly id: number };

/** The writer thread's answer: `error` when the transaction failed (nothing of it was written). */
export interface WriterResponse {
  readonly id: number;
  readonly error?: string;
}

/** Writes on a dedicated thread with its own connection to the SQLite file `file` (already migrated). */
export function sqliteThreadWriter(file: string): BoxWriter {
  const worker = new Worker(compiledUrl(import.meta.url, 'writer-thread.js'), { workerData: { file } });
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let dead: Error | undefined;
  worker.on('message', (m: WriterResponse) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error === undefined) w?.resolve();
    else w?.reject(new Error(`the box database write failed: ${m.error}`));
  });
  const fail = (e: Error): void => {
    dead = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('error', (e) => fail(e));
  worker.on('exit', (code) => fail(new Error(`the box database writer stopped (code ${code})`)));
  const send = (r: WriterOp): Promise<void> =>
    new Promise((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      // One string crosses the thread boundary faster than many small objects.
      worker.postMessage(JSON.stringify({ ...r, id }));
    });
  return {
    commit: (batch) => send({ op: 'commit', batch }),
    included: (rows) => send({ op: 'included', rows }),
    refused: (seq, reason) => send({ op: 'refused', seq, reason }),
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
