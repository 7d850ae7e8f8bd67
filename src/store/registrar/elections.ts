/** Elections served by the registrar, their roll snapshots, registrations and ledger publications. */
import type { Db } from './accounts.js';
import { num } from './open.js';

/** A stored election. */
export interface ElectionRow {
  readonly id: string;
  readonly fingerprint: string;
  readonly chain: string;
  readonly definition: string;
  readonly token_key: string | null;
}

/** Stores an election and snapshots the given voters as its roll. */
export async function insertElection(
  t: Db,
  e: ElectionRow,
  voterIds: readonly number[],
  now: number,
): Promise<void> {
  await t
    .insertInto('registrar_elections')
    .values({ ...e, created: now })
    .execute();
  for (let i = 0; i < voterIds.length; i += 500)
    await t
      .insertInto('registrar_roll_members')
      .values(voterIds.slice(i, i + 500).map((v) => ({ election_id: e.id, voter_id: v })))
      .execute();
}

/** An election by id. */
export async function findElection(t: Db, id: string): Promise<ElectionRow | undefined> {
  return t
    .selectFrom('registrar_elections')
    .select(['id', 'fingerprint', 'chain', 'definition', 'token_key'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every election. */
export async function allElections(t: Db): Promise<ElectionRow[]> {
  return t
    .selectFrom('registrar_elections')
    .select(['id', 'fingerprint', 'chain', 'definition', 'token_key'])
    .orderBy('id')
    .execute();
}

/** Is the voter on the election's roll snapshot? */
export async function onRoll(t: Db, electionId: string, voterId: number): Promise<boolean> {
  const r = await t
    .selectFrom('registrar_roll_members')
    .select('voter_id')
    .where('election_id', '=', electionId)
    .where('voter_id', '=', voterId)
    .executeTakeFirst();
  return r !== undefined;
}

/** A voter's registration in an election. */
export interface RegistrationRow {
  readonly voter_key: string | null;
  readonly boxes: string | null;
  readonly publication: number | null;
}

/** The voter's registration in the election, if any. */
export async function findRegistration(
  t: Db,
  electionId: string,
  voterId: number,
): Promise<RegistrationRow | undefined> {
  return t
    .selectFrom('registrar_registrations')
    .select(['voter_key', 'boxes', 'publication'])
    .where('election_id', '=', electionId)
    .where('voter_id', '=', voterId)
    .executeTakeFirst();
}

/** Who registered a voting key in the election (identity keys). */
export async function registrantOfKey(t: Db, electionId: string, key: string): Promise<number | undefined> {
  const r = await t
    .selectFrom('registrar_registrations')
    .select('voter_id')
    .where('election_id', '=', electionId)
    .where('voter_key', '=', key)
    .executeTakeFirst();
  return r?.voter_id;
}

/** Stores a registration. */
export async function insertRegistration(
  t: Db,
  r: { election_id: string; voter_id: number; mode: string; voter_key: string | null; boxes: string | null },
  now: number,
): Promise<void> {
  await t
    .insertInto('registrar_registrations')
    .values({ ...r, publication: null, created: now })
    .execute();
}

/** Number of registrations in an election. */
export async function countRegistrations(t: Db, electionId: string): Promise<number> {
  const r = await t
    .selectFrom('registrar_registrations')
    .select((e) => e.fn.countAll<number | string>().as('n'))
    .where('election_id', '=', electionId)
    .executeTakeFirstOrThrow();
  return num(r.n);
}

/** Up to `limit` unpublished identity-key registrations (key and boxes). */
export async function unpublishedKeys(
  t: Db,
  electionId: string,
  limit: number,
): Promise<{ voter_id: number; voter_key: string; boxes: string }[]> {
  const rows = await t
    .selectFrom('registrar_registrations')
    .select(['voter_id', 'voter_key', 'boxes'])
    .where('election_id', '=', electionId)
    .where('publication', 'is', null)
    .where('voter_key', 'is not', null)
    .orderBy('voter_key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ voter_id: r.voter_id, voter_key: r.voter_key ?? '', boxes: r.boxes ?? '[]' }));
}

/** Stores a publication (status `pending`) and returns its sequence number. */
export async function insertPublication(
  t: Db,
  p: { election_id: string; type: string; tx_id: string; tx: string },
  now: number,
): Promise<number> {
  const r = await t
    .insertInto('registrar_publications')
    .values({ ...p, status: 'pending', created: now })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return r.seq;
}

/** Marks registrations as carried by a publication. */
export async function markPublished(
  t: Db,
  electionId: string,
  voterIds: readonly number[],
  seq: number,
): Promise<void> {
  for (let i = 0; i < voterIds.length; i += 500)
    await t
      .updateTable('registrar_registrations')
      .set({ publication: seq })
      .where('election_id', '=', electionId)
      .where('voter_id', 'in', voterIds.slice(i, i + 500))
      .execute();
}

/** Publications not yet taken by the ledger, oldest first. */
export async function pendingPublications(t: Db): Promise<{ seq: number; tx: string }[]> {
  return t
    .selectFrom('registrar_publications')
    .select(['seq', 'tx'])
    .where('status', '=', 'pending')
    .orderBy('seq')
    .execute();
}

/** Marks a publication as submitted. */
export async function markSubmitted(t: Db, seq: number): Promise<void> {
  await t.updateTable('registrar_publications').set({ status: 'submitted' }).where('seq', '=', seq).execute();
}

/** The transaction of the latest publication of a type in an election, if any. */
export async function lastPublication(t: Db, electionId: string, type: string): Promise<string | undefined> {
  const r = await t
    .selectFrom('registrar_publications')
    .select('tx')
    .where('election_id', '=', electionId)
    .where('type', '=', type)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.tx;
}
