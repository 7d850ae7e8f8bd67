/** Queries on the box's records: inserts in a group commit, the start-up index, forwarding and lookups. */
import { type Kysely, sql, type Transaction } from 'kysely';
import { num } from './open.js';
import type { BallotBoxDatabase, BoxRecordKind, ForwardState } from './schema.js';

/** A database handle or an open transaction. */
export type BoxDb = Kysely<BallotBoxDatabase> | Transaction<BallotBoxDatabase>;

/** A record to insert. */
export interface NewRecord {
  readonly tracker: string;
  readonly voter_key: string;
  readonly ballot_id: string;
  readonly kind: BoxRecordKind;
  readonly json: string;
  readonly receipt: string | null;
  readonly received_at: number;
}

/** A stored record. */
export interface RecordRow extends NewRecord {
  readonly seq: number;
  readonly superseded: boolean;
  readonly forward_state: ForwardState;
  readonly tx_id: string | null;
  readonly forward_error: string | null;
}

type Raw = {
  seq: number;
  tracker: string;
  voter_key: string;
  ballot_id: string;
  kind: BoxRecordKind;
  json: string;
  receipt: string | null;
  received_at: number | string;
  superseded: number;
  forward_state: ForwardState;
  tx_id: string | null;
  forward_error: string | null;
};

const COLUMNS = [
  'seq',
  'tracker',
  'voter_key',
  'ballot_id',
  'kind',
  'json',
  'receipt',
  'received_at',
  'superseded',
  'forward_state',
  'tx_id',
  'forward_error',
] as const;

function row(r: Raw): RecordRow {
  return { ...r, seq: num(r.seq), received_at: num(r.received_at), superseded: num(r.superseded) !== 0 };
}

/** Inserts records (in the caller's transaction), in chunks that stay under SQL parameter limits. */
export async function insertRecords(t: BoxDb, records: readonly NewRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 100)
    await t
      .insertInto('box_records')
      .values(
        records.slice(i, i + 100).map((r) => ({ ...r, superseded: 0, forward_state: 'pending' as const })),
      )
      .execute();
}

/** Marks casts as superseded by a later cast of the same key. */
export async function markSuperseded(t: BoxDb, trackers: readonly string[]): Promise<void> {
  if (trackers.length > 0)
    await t.updateTable('box_records').set({ superseded: 1 }).where('tracker', 'in', trackers).execute();
}

/** The index the box keeps in memory: every record without its JSON, in acceptance order. */
export async function loadIndex(t: BoxDb): Promise<RecordRow[]> {
  const rows = await t
    .selectFrom('box_records')
    .select(['seq', 'tracker', 'voter_key', 'ballot_id', 'kind', 'receipt', 'received_at', 'superseded'])
    .select(['forward_state', 'tx_id', 'forward_error'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => row({ ...r, json: '' }));
}

/** The record with this tracker, JSON included. */
export async function findRecord(t: BoxDb, tracker: string): Promise<RecordRow | undefined> {
  const r = await t
    .selectFrom('box_records')
    .select(COLUMNS)
    .where('tracker', '=', tracker)
    .executeTakeFirst();
  return r && row(r);
}

/** Records not yet known to be in a block, oldest first, after `afterSeq`. */
export async function pendingRecords(t: BoxDb, afterSeq: number, limit: number): Promise<RecordRow[]> {
  const rows = await t
    .selectFrom('box_records')
    .select(COLUMNS)
    .where('forward_state', '=', 'pending')
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(row);
}

/** Marks records whose transaction (id `tx_id`) is in a block, in one statement per 200 records. */
export async function markIncluded(t: BoxDb, rows: readonly { seq: number; tx_id: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const part = rows.slice(i, i + 200);
    const txIds = sql<string>`case seq ${sql.join(
      part.map((r) => sql`when ${r.seq} then ${r.tx_id}`),
      sql` `,
    )} end`;
    await t
      .updateTable('box_records')
      .set({ forward_state: 'included', tx_id: txIds })
      .where(
        'seq',
        'in',
        part.map((r) => r.seq),
      )
      .execute();
  }
}

/** Marks a record the ledger refused, with the reason. */
export async function markRefused(t: BoxDb, seq: number, reason: string): Promise<void> {
  await t
    .updateTable('box_records')
    .set({ forward_state: 'refused', forward_error: reason.slice(0, 1000) })
    .where('seq', '=', seq)
    .execute();
}

/** Counts of records by kind and forwarding state. */
export interface RecordCounts {
  readonly casts: number;
  readonly audits: number;
  readonly superseded: number;
  readonly pending: number;
  readonly refused: number;
}

/** Counts the records. */
export async function countRecords(t: BoxDb): Promise<RecordCounts> {
  const rows = await t
    .selectFrom('box_records')
    .select(['kind', 'superseded', 'forward_state'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .groupBy(['kind', 'superseded', 'forward_state'])
    .execute();
  let casts = 0;
  let audits = 0;
  let superseded = 0;
  let pending = 0;
  let refused = 0;
  for (const r of rows) {
    const n = num(r.n);
    if (r.kind === 'cast') casts += n;
    else audits += n;
    if (num(r.superseded) !== 0) superseded += n;
    if (r.forward_state === 'pending') pending += n;
    if (r.forward_state === 'refused') refused += n;
  }
  return { casts, audits, superseded, pending, refused };
}
