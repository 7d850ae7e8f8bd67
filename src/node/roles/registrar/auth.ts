/**
 * Logins and sessions of voters and admins.
 *
 * Login: `(login, password)` → if the login is locked, `ACCOUNT_LOCKED` without checking anything; the
 * password is checked with argon2id (an unknown login checks a decoy hash, so both take the same time and
 * give the same `LOGIN_FAILED`); a failure counts towards the lockout. Without TOTP the answer is a
 * session; with TOTP it is a short-lived challenge, exchanged with a valid, unused code for a session.
 */
import { fail, ok } from '../../../crypto/result.js';
import {
  type AccountKind,
  type AccountRow,
  advanceTotpStep,
  failuresOf,
  findAccount,
  setFailures,
} from '../../../store/registrar/accounts.js';
import { deleteSession, findSession, insertSession } from '../../../store/registrar/sessions.js';
import type { RegistrarContext } from './context.js';
import { type RegResult, refuse } from './errors.js';
import { afterFailure, isLocked } from './lockout.js';
import { verifyPassword } from './password.js';
import { newSessionToken, sessionTokenHash } from './session-token.js';
import { matchTotp } from './totp.js';

/** A successful login step. */
export type LoginStep =
  | { readonly status: 'ok'; readonly session: string; readonly expires_at: number }
  | { readonly status: 'totp'; readonly challenge: string; readonly expires_at: number };

/** An authenticated caller. */
export interface Subject {
  readonly kind: AccountKind;
  readonly id: number;
}

/** Associated data of an account's sealed TOTP secret. */
export function totpAd(kind: AccountKind, id: number): string {
  return `totp:${kind}:${id}`;
}

async function countFailure(c: RegistrarContext, kind: AccountKind, login: string): Promise<void> {
  const now = c.now();
  const next = afterFailure(await failuresOf(c.db.db, kind, login), now, c.lockout);
  await setFailures(c.db.db, kind, login, next.failures, next.locked_until);
}

async function openSession(c: RegistrarContext, kind: AccountKind, id: number, stage: 'session' | 'totp') {
  const now = c.now();
  const token = newSessionToken(c.rng);
  const ttl =
    stage === 'totp' ? c.sessions.totpMs : kind === 'admin' ? c.sessions.adminMs : c.sessions.voterMs;
  await insertSession(
    c.db.db,
    sessionTokenHash(token),
    { kind, subject: id, stage, expires: now + ttl },
    now,
  );
  return { token, expires: now + ttl };
}

/** Step 1: login and password. */
export async function login(
  c: RegistrarContext,
  kind: AccountKind,
  name: string,
  password: string,
): Promise<RegResult<LoginStep>> {
  // A locked login is refused before any check, so guessing stops for the lockout's duration.
  const counter = await failuresOf(c.db.db, kind, name);
  if (isLocked(counter, c.now()))
    return refuse('ACCOUNT_LOCKED', 'too many failed logins; this login is locked for a while');
  const account = await findAccount(c.db.db, kind, { login: name });
  const good = await verifyPassword(account?.password_hash ?? c.decoy, password);
  if (!account || !good) {
    await countFailure(c, kind, name);
    return refuse('LOGIN_FAILED', 'the login or the password is wrong');
  }
  if (account.totp_secret !== null) {
    const s = await openSession(c, kind, account.id, 'totp');
    return ok({ status: 'totp', challenge: s.token, expires_at: s.expires });
  }
  // A success clears the counter (no write when it is already clear).
  if (counter.failures !== 0 || counter.locked_until !== 0) await setFailures(c.db.db, kind, name, 0, 0);
  const s = await openSession(c, kind, account.id, 'session');
  return ok({ status: 'ok', session: s.token, expires_at: s.expires });
}

/**
 * Checks a TOTP code of an account and records its time step (`TOTP_INVALID`, `TOTP_REPLAYED`). The
 * step is advanced with a compare-and-set, so one code cannot be used twice even concurrently.
 */
export async function useTotpCode(
  c: RegistrarContext,
  kind: AccountKind,
  account: AccountRow,
  sealed: string,
  code: string,
): Promise<RegResult<true>> {
  const secret = c.box.open(sealed, totpAd(kind, account.id));
  if (!secret) return fail('KEY_INVALID', 'the stored TOTP secret cannot be opened with this key');
  const step = matchTotp(new TextDecoder().decode(secret), code, c.now());
  if (step === undefined) return refuse('TOTP_INVALID', 'the TOTP code is wrong or expired');
  if (!(await advanceTotpStep(c.db.db, kind, account.id, step)))
    return refuse('TOTP_REPLAYED', 'this TOTP code was already used; wait for the next one');
  return ok(true);
}

/** Step 2: the challenge of step 1 and a TOTP code. */
export async function loginTotp(
  c: RegistrarContext,
  challenge: string,
  code: string,
): Promise<RegResult<LoginStep>> {
  const hash = sessionTokenHash(challenge);
  const ch = await findSession(c.db.db, hash, c.now());
  if (!ch || ch.stage !== 'totp')
    return refuse('SESSION_INVALID', 'the login challenge is unknown or expired');
  const account = await findAccount(c.db.db, ch.kind, { id: ch.subject });
  if (!account || account.totp_secret === null)
    return refuse('SESSION_INVALID', 'the login challenge is unknown or expired');
  if (isLocked(await failuresOf(c.db.db, ch.kind, account.login), c.now()))
    return refuse('ACCOUNT_LOCKED', 'too many failed logins; this login is locked for a while');
  const used = await useTotpCode(c, ch.kind, account, account.totp_secret, code);
  if (!used.ok) {
    if (used.code === 'TOTP_INVALID') await countFailure(c, ch.kind, account.login);
    return used;
  }
  // The challenge is spent; the session replaces it.
  await deleteSession(c.db.db, hash);
  await setFailures(c.db.db, ch.kind, account.login, 0, 0);
  const s = await openSession(c, ch.kind, account.id, 'session');
  return ok({ status: 'ok', session: s.token, expires_at: s.expires });
}

/** The caller of a session token (`SESSION_INVALID`; `ADMIN_REQUIRED` when `kind` is admin and it is not). */
export async function authenticate(
  c: RegistrarContext,
  token: string,
  kind: AccountKind,
): Promise<RegResult<Subject>> {
  const s = await findSession(c.db.db, sessionTokenHash(token), c.now());
  if (!s || s.stage !== 'session')
    return refuse('SESSION_INVALID', 'the session is unknown or expired; log in');
  if (s.kind !== kind)
    return kind === 'admin'
      ? refuse('ADMIN_REQUIRED', 'this route needs an administrator session')
      : refuse('SESSION_INVALID', 'this route needs a voter session');
  return ok({ kind: s.kind, id: s.subject });
}

/** Ends a session (`SESSION_INVALID` if it is not live). */
export async function logout(c: RegistrarContext, token: string): Promise<RegResult<true>> {
  const hash = sessionTokenHash(token);
  if (!(await findSession(c.db.db, hash, c.now())))
    return refuse('SESSION_INVALID', 'the session is unknown or expired');
  await deleteSession(c.db.db, hash);
  return ok(true);
}
