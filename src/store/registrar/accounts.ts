/** Voter and admin accounts: rows, lookups, TOTP columns and the per-login failure counters. */
import type { Kysely, Transaction } from 'kysely';
import { num } from './open.js';
import type { RegistrarDatabase } from './schema.js';

/** A database handle or an open transaction. */
export type Db = Kysely<RegistrarDatabase> | Transaction<RegistrarDatabase>;

/** Which kind of account. */
export type AccountKind = 'voter' | 'admin';

/** A voter to insert (the password already hashed). */
export interface NewVoter {
  readonly login: string;
  readonly name: string;
  readonly surname: string;
  readonly email: string;
  readonly password_hash: string;
  readonly roll_salt: string;
}

/** The columns both kinds of account have. */
export interface AccountRow {
  readonly id: number;
  readonly login: string;
  readonly password_hash: string;
  readonly totp_secret: string | null;
  readonly totp_pending: string | null;
  readonly totp_last_step: number;
}

/** A voter's personal data as admins see it (no secrets). */
export interface VoterInfo {
  readonly id: number;
  readonly login: string;
  readonly name: string;
  readonly surname: string;
  readonly email: string;
  readonly totp: boolean;
  readonly created: number;
}

const tableOf = (k: AccountKind) => (k === 'voter' ? 'registrar_voters' : 'registrar_admins');

/** Inserts voters in the caller's transaction. */
export async function insertVoters(t: Db, rows: readonly NewVoter[], now: number): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await t
      .insertInto('registrar_voters')
      .values(rows.slice(i, i + 200).map((r) => ({ ...r, totp_last_step: 0, created: now })))
      .execute();
}

/** The logins among `logins` that already exist (voters). */
export async function existingVoterLogins(t: Db, logins: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < logins.length; i += 500) {
    const part = logins.slice(i, i + 500);
    if (part.length === 0) continue;
    const rows = await t.selectFrom('registrar_voters').select('login').where('login', 'in', part).execute();
    for (const r of rows) found.add(r.login);
  }
  return found;
}

/** Inserts an admin; false if the login is taken. */
export async function insertAdmin(t: Db, login: string, passwordHash: string, now: number): Promise<boolean> {
  const r = await t
    .insertInto('registrar_admins')
    .values({ login, password_hash: passwordHash, totp_last_step: 0, created: now })
    .onConflict((oc) => oc.column('login').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Number of admin accounts. */
export async function countAdmins(t: Db): Promise<number> {
  const r = await t
    .selectFrom('registrar_admins')
    .select((e) => e.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return num(r.n);
}

/** An account by login or by id. */
export async function findAccount(
  t: Db,
  kind: AccountKind,
  by: { login: string } | { id: number },
): Promise<AccountRow | undefined> {
  const q = t
    .selectFrom(tableOf(kind))
    .select(['id', 'login', 'password_hash', 'totp_secret', 'totp_pending', 'totp_last_step']);
  const row = await ('login' in by
    ? q.where('login', '=', by.login)
    : q.where('id', '=', by.id)
  ).executeTakeFirst();
  return row && { ...row, totp_last_step: num(row.totp_last_step) };
}

/** Sets the TOTP columns of an account. */
export async function updateTotp(
  t: Db,
  kind: AccountKind,
  id: number,
  set: { totp_secret?: string | null; totp_pending?: string | null; totp_last_step?: number },
): Promise<void> {
  await t.updateTable(tableOf(kind)).set(set).where('id', '=', id).execute();
}

/**
 * Records that a TOTP code of time step `step` was accepted, only if it is later than the last accepted
 * one (compare-and-set, so two concurrent uses of one code cannot both pass). True when recorded.
 */
export async function advanceTotpStep(t: Db, kind: AccountKind, id: number, step: number): Promise<boolean> {
  const r = await t
    .updateTable(tableOf(kind))
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where('totp_last_step', '<', step)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A voter's public-to-admins data by id. */
export async function voterInfo(t: Db, id: number): Promise<(VoterInfo & { roll_salt: string }) | undefined> {
  const r = await t
    .selectFrom('registrar_voters')
    .select(['id', 'login', 'name', 'surname', 'email', 'totp_secret', 'created', 'roll_salt'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  const { totp_secret, created, ...rest } = r;
  return { ...rest, totp: totp_secret !== null, created: num(created) };
}

/** A page of voters ordered by id, after id `after`. */
export async function listVoters(t: Db, after: number, limit: number): Promise<VoterInfo[]> {
  const rows = await t
    .selectFrom('registrar_voters')
    .select(['id', 'login', 'name', 'surname', 'email', 'totp_secret', 'created'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(({ totp_secret, created, ...rest }) => ({
    ...rest,
    totp: totp_secret !== null,
    created: num(created),
  }));
}

/** Number of voters. */
export async function countVoters(t: Db): Promise<number> {
  const r = await t
    .selectFrom('registrar_voters')
    .select((e) => e.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return num(r.n);
}

/** Every voter's login and roll salt (to compute the roll commitment). */
export async function rollRows(t: Db): Promise<{ id: number; login: string; roll_salt: string }[]> {
  return t.selectFrom('registrar_voters').select(['id', 'login', 'roll_salt']).orderBy('id').execute();
}

/** The failure counter of a login. */
export async function failuresOf(
  t: Db,
  kind: AccountKind,
  login: string,
): Promise<{ failures: number; locked_until: number }> {
  const r = await t
    .selectFrom('registrar_login_failures')
    .select(['failures', 'locked_until'])
    .where('kind', '=', kind)
    .where('login', '=', login)
    .executeTakeFirst();
  return r ? { failures: r.failures, locked_until: num(r.locked_until) } : { failures: 0, locked_until: 0 };
}

/** Stores the failure counter of a login (a zero counter removes the row). */
export async function setFailures(
  t: Db,
  kind: AccountKind,
  login: string,
  failures: number,
  lockedUntil: number,
): Promise<void> {
  if (failures === 0 && lockedUntil === 0) {
    await t
      .deleteFrom('registrar_login_failures')
      .where('kind', '=', kind)
      .where('login', '=', login)
      .execute();
    return;
  }
  await t
    .insertInto('registrar_login_failures')
    .values({ kind, login, failures, locked_until: lockedUntil })
    .onConflict((oc) => oc.columns(['kind', 'login']).doUpdateSet({ failures, locked_until: lockedUntil }))
    .execute();
}

/** Replaces an account's password hash. */
export async function setPasswordHash(t: Db, kind: AccountKind, id: number, hash: string): Promise<void> {
  await t.updateTable(tableOf(kind)).set({ password_hash: hash }).where('id', '=', id).execute();
}
