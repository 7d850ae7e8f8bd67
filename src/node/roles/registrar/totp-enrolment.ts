/**
 * TOTP enrolment: `enrol` draws a secret, keeps it sealed as pending, and returns the otpauth:// URI once;
 * `confirm` with a valid code makes it the account's second factor (from then on, login needs it).
 */
import { ok } from '../../../crypto/result.js';
import { findAccount, updateTotp } from '../../../store/registrar/accounts.js';
import { type Subject, totpAd, useTotpCode } from './auth.js';
import type { RegistrarContext } from './context.js';
import { type RegResult, refuse } from './errors.js';
import { newTotpSecret, totpUri } from './totp.js';

/** Starts (or restarts) an enrolment; `TOTP_ALREADY_ENROLLED` if the account has a second factor. */
export async function enrolTotp(c: RegistrarContext, who: Subject): Promise<RegResult<{ uri: string }>> {
  const account = await findAccount(c.db.db, who.kind, { id: who.id });
  if (!account) return refuse('SESSION_INVALID', 'the account of this session no longer exists');
  if (account.totp_secret !== null)
    return refuse('TOTP_ALREADY_ENROLLED', 'this account already has a TOTP second factor');
  const secret = newTotpSecret(c.rng);
  const sealed = c.box.seal(new TextEncoder().encode(secret), totpAd(who.kind, who.id));
  await updateTotp(c.db.db, who.kind, who.id, { totp_pending: sealed });
  return ok({ uri: totpUri(secret, c.issuer, account.login) });
}

/** Confirms the pending secret with a code (`TOTP_NOT_PENDING`, `TOTP_INVALID`, `TOTP_REPLAYED`). */
export async function confirmTotp(c: RegistrarContext, who: Subject, code: string): Promise<RegResult<true>> {
  const account = await findAccount(c.db.db, who.kind, { id: who.id });
  if (!account) return refuse('SESSION_INVALID', 'the account of this session no longer exists');
  if (account.totp_secret !== null)
    return refuse('TOTP_ALREADY_ENROLLED', 'this account already has a TOTP second factor');
  if (account.totp_pending === null) return refuse('TOTP_NOT_PENDING', 'start the enrolment first');
  const used = await useTotpCode(c, who.kind, account, account.totp_pending, code);
  if (!used.ok) return used;
  await updateTotp(c.db.db, who.kind, who.id, { totp_secret: account.totp_pending, totp_pending: null });
  return ok(true);
}
