/**
 * Thread entry of the SQLite box writer (see `writer.ts`): one better-sqlite3 connection to the node's
 * file with `synchronous=FULL` (every commit fsynced) and a busy timeout, running each request as one
 * `BEGIN IMMEDIATE … COMMIT` transaction and answering once it committed or rolled back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { WriterRequest, WriterResponse } from './writer.js';

const port = parentPort;
if (port === null) throw new Error('writer-thread.js runs only as a worker thread');
const db = new Database((workerData as { file: string }).file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 10000');

const insert = db.prepare(
  `insert into box_records (tracker, voter_key, ballot_id, kind, json, receipt, received_at, superseded, forward_state)
   values (@tracker, @voter_key, @ballot_id, @kind, @json, @receipt, @received_at, 0, 'pending')`,
);
const supersede = db.prepare('update box_records set superseded = 1 where tracker = ?');
const sum = db.prepare(
  `insert into box_sum (id, count, sum, superseded_count, superseded_sum)
   values (1, @count, @sum, @superseded_count, @superseded_sum)
   on conflict (id) do update set count = excluded.count, sum = excluded.sum,
     superseded_count = excluded.superseded_count, superseded_sum = excluded.superseded_sum`,
);
const included = db.prepare("update box_records set forward_state = 'included', tx_id = ? where seq = ?");
const refused = db.prepare(
  "update box_records set forward_state = 'refused', forward_error = ? where seq = ?",
);

const run = db.transaction((r: WriterRequest) => {
  switch (r.op) {
    case 'commit':
      for (const rec of r.batch.records) insert.run(rec);
      for (const t of r.batch.superseded) supersede.run(t);
      sum.run(r.batch.sum);
      return;
    case 'included':
      for (const row of r.rows) included.run(row.tx_id, row.seq);
      return;
    case 'refused':
      refused.run(r.reason.slice(0, 1000), r.seq);
      return;
  }
});

port.on('message', (text: string) => {
  const r = JSON.parse(text) as WriterRequest;
  let answer: WriterResponse;
  try {
    run.immediate(r);
    answer = { id: r.id };
  } catch (e) {
    answer = { id: r.id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(answer);
});
