/**
 * Changing one's password (voters after a generated one-time password, admins alike): the current
 * password is checked like a login (a wrong one counts towards the lockout and is `LOGIN_FAILED`), the
 * new one must follow the roll's password rule, and every other session of the account ends.
 */
import { ok } from '../../../crypto/result.js';
import { failuresOf, findAccount, setFailures, setPasswordHash } from '../../../store/registrar/accounts.js';
import { deleteOtherSessions } from '../../../store/registrar/sessions.js';
import type { Subject } from './auth.js';
import type { RegistrarContext } from './context.js';
import { ROLL_LIMITS } from './csv-roll.js';
import { type RegResult, refuse } from './errors.js';
import { afterFailure, isLocked } from './lockout.js';
import { hashPassword, verifyPassword } from './password.js';
import { sessionTokenHash } from './session-token.js';

/** Replaces the password of the session's account. */
export async function changePassword(
  c: RegistrarContext,
  who: Subject,
  session: string,
  current: string,
  next: string,
): Promise<RegResult<true>> {
  if (next.length < ROLL_LIMITS.passwordMin || next.length > ROLL_LIMITS.passwordMax)
    return refuse(
      'BODY_INVALID',
      `the new password must have ${ROLL_LIMITS.passwordMin} to ${ROLL_LIMITS.passwordMax} characters`,
    );
  const account = await findAccount(c.db.db, who.kind, { id: who.id });
  if (!account) return refuse('SESSION_INVALID', 'the account of this session no longer exists');
  const counter = await failuresOf(c.db.db, who.kind, account.login);
  if (isLocked(counter, c.now()))
    return refuse('ACCOUNT_LOCKED', 'too many failed attempts; this login is locked for a while');
  if (!(await verifyPassword(account.password_hash, current))) {
    const n = afterFailure(counter, c.now(), c.lockout);
    await setFailures(c.db.db, who.kind, account.login, n.failures, n.locked_until);
    return refuse('LOGIN_FAILED', 'the current password is wrong');
  }
  const hash = await hashPassword(next, c.cost);
  await c.db.db.transaction().execute(async (t) => {
    await setPasswordHash(t, who.kind, who.id, hash);
    await deleteOtherSessions(t, who.kind, who.id, sessionTokenHash(session));
  });
  return ok(true);
}
