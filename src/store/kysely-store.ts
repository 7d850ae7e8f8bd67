/** {@link LedgerStore} over Kysely, for SQLite and PostgreSQL alike. */
import type { Kysely, Transaction } from 'kysely';
import type {
  LedgerStore,
  PeerRow,
  SigningOutcome,
  SigningRecord,
  StoredApproval,
  StoredBlock,
  StoredPending,
  WriteBatch,
} from '../ledger/store.js';
import type { DialectName } from './migrations.js';
import { openDatabase, type StoreLocation } from './open.js';
import type { PnyxDatabase } from './schema.js';

/** Opens a store at a location (migrating the schema). */
export async function openStore(loc: StoreLocation): Promise<KyselyStore> {
  const { db, dialect } = await openDatabase(loc);
  return new KyselyStore(db, dialect);
}

type Verdict = 'approve' | 'reject';

function verdictOf(s: string): Verdict {
  return s === 'approve' ? 'approve' : 'reject';
}

/** The ledger store over a Kysely database. */
export class KyselyStore implements LedgerStore {
  constructor(
    readonly db: Kysely<PnyxDatabase>,
    readonly dialect: DialectName,
  ) {}

  async putBlock(b: StoredBlock): Promise<void> {
    await this.db.transaction().execute(async (t) => {
      const known = await t.selectFrom('blocks').select('id').where('id', '=', b.id).executeTakeFirst();
      if (known) return;
      await t
        .insertInto('blocks')
        .values({ id: b.id, height: b.height, parent_id: b.parent_id, json: b.json })
        .execute();
      if (b.txs.length > 0)
        await t
          .insertInto('txs')
          .values(
            b.txs.map((x) => ({ block_id: b.id, idx: x.index, id: x.id, type: x.type, author: x.author })),
          )
          .execute();
    });
  }

  async writeBatch(b: WriteBatch): Promise<void> {
    await this.db.transaction().execute(async (t) => {
      if (b.blocks && b.blocks.length > 0) await insertBlocks(t, b.blocks);
      for (const part of chunks(b.approvals ?? [], ROWS))
        await t
          .insertInto('approvals')
          .values(part.map((a) => ({ ...a })))
          .onConflict((oc) => oc.columns(['block_id', 'validator']).doNothing())
          .execute();
      for (const part of chunks(b.pending ?? [], ROWS))
        await t
          .insertInto('mempool')
          .values(part.map((p) => ({ id: p.id, json: p.json })))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      for (const part of chunks(b.removePending ?? [], ROWS))
        await t.deleteFrom('mempool').where('id', 'in', part).execute();
    });
  }

  async getBlock(id: string): Promise<StoredBlock | undefined> {
    const row = await this.db.selectFrom('blocks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { ...this.blockRow(row), txs: await this.txsOf(id) };
  }

  async allBlocks(): Promise<StoredBlock[]> {
    const rows = await this.db.selectFrom('blocks').selectAll().orderBy('seq').execute();
    const txs = await this.db.selectFrom('txs').selectAll().orderBy('block_id').orderBy('idx').execute();
    const byBlock = new Map<string, StoredBlock['txs'][number][]>();
    for (const t of txs) {
      const list = byBlock.get(t.block_id) ?? [];
      list.push({ id: t.id, type: t.type, author: t.author, index: t.idx });
      byBlock.set(t.block_id, list);
    }
    return rows.map((r) => ({ ...this.blockRow(r), txs: byBlock.get(r.id) ?? [] }));
  }

  /** Blocks at a height (explorer). */
  async blocksAtHeight(height: number): Promise<StoredBlock[]> {
    const rows = await this.db
      .selectFrom('blocks')
      .selectAll()
      .where('height', '=', height)
      .orderBy('seq')
      .execute();
    return Promise.all(rows.map(async (r) => ({ ...this.blockRow(r), txs: await this.txsOf(r.id) })));
  }

  /** Where a transaction id appears (explorer). */
  async findTx(id: string): Promise<{ block_id: string; index: number; type: string; author: string }[]> {
    const rows = await this.db.selectFrom('txs').selectAll().where('id', '=', id).execute();
    return rows.map((r) => ({ block_id: r.block_id, index: r.idx, type: r.type, author: r.author }));
  }

  /** Transactions of a type, or by an author, most recent block first (explorer). */
  async txsBy(
    filter: { type?: string; author?: string },
    limit = 100,
  ): Promise<{ id: string; block_id: string; index: number }[]> {
    let q = this.db
      .selectFrom('txs')
      .innerJoin('blocks', 'blocks.id', 'txs.block_id')
      .select(['txs.id as id', 'txs.block_id as block_id', 'txs.idx as idx']);
    if (filter.type !== undefined) q = q.where('txs.type', '=', filter.type);
    if (filter.author !== undefined) q = q.where('txs.author', '=', filter.author);
    const rows = await q.orderBy('blocks.height', 'desc').orderBy('txs.idx').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, block_id: r.block_id, index: r.idx }));
  }

  async putApproval(a: StoredApproval): Promise<boolean> {
    return this.db.transaction().execute(async (t) => {
      const known = await t
        .selectFrom('approvals')
        .select('block_id')
        .where('block_id', '=', a.block_id)
        .where('validator', '=', a.validator)
        .executeTakeFirst();
      if (known) return false;
      await t
        .insertInto('approvals')
        .values({ ...a })
        .execute();
      return true;
    });
  }

  async allApprovals(): Promise<StoredApproval[]> {
    const rows = await this.db.selectFrom('approvals').selectAll().orderBy('seq').execute();
    return rows.map((r) => this.approvalRow(r));
  }

  async approvalsOf(blockId: string): Promise<StoredApproval[]> {
    const rows = await this.db
      .selectFrom('approvals')
      .selectAll()
      .where('block_id', '=', blockId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => this.approvalRow(r));
  }

  async putPending(p: StoredPending): Promise<void> {
    await this.db
      .insertInto('mempool')
      .values(p)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async removePending(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (let i = 0; i < ids.length; i += 500)
      await this.db
        .deleteFrom('mempool')
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
  }

  async allPending(): Promise<StoredPending[]> {
    return this.db.selectFrom('mempool').select(['id', 'json']).orderBy('seq').execute();
  }

  async recordSigning(r: SigningRecord): Promise<SigningOutcome> {
    const find = () =>
      this.db.transaction().execute(async (t) => {
        const same = await t
          .selectFrom('signing_record')
          .selectAll()
          .where('validator', '=', r.validator)
          .where('block_id', '=', r.block_id)
          .executeTakeFirst();
        if (same) return { kind: 'existing', record: this.signingRow(same) } as const;
        if (r.verdict === 'approve') {
          const other = await t
            .selectFrom('signing_record')
            .selectAll()
            .where('validator', '=', r.validator)
            .where('height', '=', r.height)
            .where('verdict', '=', 'approve')
            .executeTakeFirst();
          if (other) return { kind: 'conflict', record: this.signingRow(other) } as const;
        }
        await t
          .insertInto('signing_record')
          .values({ ...r })
          .execute();
        return { kind: 'recorded' } as const;
      });
    try {
      return await find();
    } catch (e) {
      // Another writer won the race; the unique constraints decided. Report what is now recorded.
      if (!isUniqueViolation(e)) throw e;
      return find();
    }
  }

  async signingsAt(validator: string, height: number): Promise<SigningRecord[]> {
    const rows = await this.db
      .selectFrom('signing_record')
      .selectAll()
      .where('validator', '=', validator)
      .where('height', '=', height)
      .execute();
    return rows.map((x) => this.signingRow(x));
  }

  async upsertPeer(p: PeerRow): Promise<void> {
    await this.db
      .insertInto('peers')
      .values({ ...p })
      .onConflict((oc) => oc.column('url').doUpdateSet({ score: p.score, last_seen: p.last_seen }))
      .execute();
  }

  async peers(): Promise<PeerRow[]> {
    const rows = await this.db
      .selectFrom('peers')
      .selectAll()
      .orderBy('score', 'desc')
      .orderBy('url')
      .execute();
    return rows.map((r) => ({
      url: r.url,
      score: Number(r.score),
      last_seen: r.last_seen === null ? null : Number(r.last_seen),
    }));
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private async txsOf(blockId: string): Promise<StoredBlock['txs'][number][]> {
    const rows = await this.db
      .selectFrom('txs')
      .selectAll()
      .where('block_id', '=', blockId)
      .orderBy('idx')
      .execute();
    return rows.map((t) => ({ id: t.id, type: t.type, author: t.author, index: t.idx }));
  }

  private blockRow(r: {
    id: string;
    height: number;
    parent_id: string;
    json: string;
  }): Omit<StoredBlock, 'txs'> {
    return { id: r.id, height: Number(r.height), parent_id: r.parent_id, json: r.json };
  }

  private approvalRow(r: {
    block_id: string;
    validator: string;
    height: number;
    verdict: string;
    json: string;
  }): StoredApproval {
    return {
      block_id: r.block_id,
      validator: r.validator,
      height: Number(r.height),
      verdict: verdictOf(r.verdict),
      json: r.json,
    };
  }

  private signingRow(r: {
    validator: string;
    height: number;
    block_id: string;
    verdict: string;
    json: string;
  }): SigningRecord {
    return {
      validator: r.validator,
      height: Number(r.height),
      block_id: r.block_id,
      verdict: verdictOf(r.verdict),
      json: r.json,
    };
  }
}

/** Rows per multi-row statement (well below SQLite's and PostgreSQL's bound-parameter limits). */
const ROWS = 500;

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Inserts the blocks not yet stored, with their transaction rows, inside a transaction. */
async function insertBlocks(t: Transaction<PnyxDatabase>, blocks: readonly StoredBlock[]): Promise<void> {
  const known = new Set<string>();
  for (const part of chunks(blocks, ROWS)) {
    const ids = part.map((x) => x.id);
    for (const r of await t.selectFrom('blocks').select('id').where('id', 'in', ids).execute())
      known.add(r.id);
  }
  const fresh: StoredBlock[] = [];
  for (const x of blocks)
    if (!known.has(x.id)) {
      known.add(x.id); // a block listed twice is inserted once
      fresh.push(x);
    }
  for (const part of chunks(fresh, ROWS))
    await t
      .insertInto('blocks')
      .values(part.map((x) => ({ id: x.id, height: x.height, parent_id: x.parent_id, json: x.json })))
      .execute();
  const txRows = fresh.flatMap((x) =>
    x.txs.map((tx) => ({ block_id: x.id, idx: tx.index, id: tx.id, type: tx.type, author: tx.author })),
  );
  for (const part of chunks(txRows, ROWS)) await t.insertInto('txs').values(part).execute();
}

/** SQLite and PostgreSQL unique-constraint errors. */
function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
