/** Bearer sessions, stored by the SHA-256 of their token. */
import type { AccountKind, Db } from './accounts.js';
import { num } from './open.js';

/** What a session is. */
export type SessionStage = 'session' | 'totp';

/** A live session. */
export interface SessionRow {
  readonly kind: AccountKind;
  readonly subject: number;
  readonly stage: SessionStage;
  readonly expires: number;
}

/** Stores a session. */
export async function insertSession(t: Db, tokenHash: string, s: SessionRow, now: number): Promise<void> {
  await t
    .insertInto('registrar_sessions')
    .values({
      token_hash: tokenHash,
      kind: s.kind,
      subject: s.subject,
      stage: s.stage,
      expires: s.expires,
      created: now,
    })
    .execute();
}

/** The unexpired session with this token hash. */
export async function findSession(t: Db, tokenHash: string, now: number): Promise<SessionRow | undefined> {
  const r = await t
    .selectFrom('registrar_sessions')
    .select(['kind', 'subject', 'stage', 'expires'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!r || num(r.expires) <= now) return undefined;
  return {
    kind: r.kind === 'admin' ? 'admin' : 'voter',
    subject: r.subject,
    stage: r.stage === 'totp' ? 'totp' : 'session',
    expires: num(r.expires),
  };
}

/** Deletes one session; true if it existed. */
export async function deleteSession(t: Db, tokenHash: string): Promise<boolean> {
  const r = await t.deleteFrom('registrar_sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Deletes expired sessions. */
export async function purgeSessions(t: Db, now: number): Promise<void> {
  await t.deleteFrom('registrar_sessions').where('expires', '<=', now).execute();
}

/** Deletes every session of an account except the one with `keepHash`. */
export async function deleteOtherSessions(
  t: Db,
  kind: AccountKind,
  subject: number,
  keepHash: string,
): Promise<void> {
  await t
    .deleteFrom('registrar_sessions')
    .where('kind', '=', kind)
    .where('subject', '=', subject)
    .where('token_hash', '!=', keepHash)
    .execute();
}
