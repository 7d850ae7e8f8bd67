/** Administrator accounts and the operations only administrators may run. */
import { canonicalJson } from '../../../crypto/encoding/canonical-json.js';
import { ok } from '../../../crypto/result.js';
import { countAdmins, insertAdmin } from '../../../store/registrar/accounts.js';
import { appendAudit } from '../../../store/registrar/audit.js';
import type { RegistrarContext } from './context.js';
import { ROLL_LIMITS } from './csv-roll.js';
import { type RegResult, refuse } from './errors.js';
import { hashPassword } from './password.js';

/** Creates an administrator on behalf of `actor` (`LOGIN_TAKEN`; `BODY_INVALID` for a short password). */
export async function createAdmin(
  c: RegistrarContext,
  login: string,
  password: string,
  actor: string,
  onlyIfNone = false,
): Promise<RegResult<{ login: string }>> {
  if (password.length < ROLL_LIMITS.passwordMin)
    return refuse('BODY_INVALID', `password must have at least ${ROLL_LIMITS.passwordMin} characters`);
  const hash = await hashPassword(password, c.cost);
  const now = c.now();
  let created = false;
  let refused = false;
  await c.db.db.transaction().execute(async (t) => {
    // The bootstrap works only while there is no administrator.
    if (onlyIfNone && (await countAdmins(t)) > 0) {
      refused = true;
      return;
    }
    created = await insertAdmin(t, login, hash, now);
    if (created)
      await appendAudit(t, { time: now, actor, action: 'create_admin', detail: canonicalJson({ login }) });
  });
  if (refused) return refuse('FORBIDDEN', 'an administrator exists; log in as one to create others');
  return created ? ok({ login }) : refuse('LOGIN_TAKEN', `administrator "${login}" already exists`);
}
