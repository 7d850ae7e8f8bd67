/**
 * Importing a voter roll: parse and check every row (`ROLL_INVALID` naming line and column), refuse
 * logins that already exist, hash the passwords (or generate one-time ones), then insert every voter and
 * the audit entry in one database transaction — all or nothing. Progress is reported through a
 * callback (the CLI draws a bar with it).
 */
import { canonicalJson } from '../../../crypto/encoding/canonical-json.js';
import { ok } from '../../../crypto/result.js';
import { newRollSalt } from '../../../protocol/election/roll.js';
import { existingVoterLogins, insertVoters, type NewVoter } from '../../../store/registrar/accounts.js';
import { appendAudit } from '../../../store/registrar/audit.js';
import type { RegistrarContext } from './context.js';
import { parseRollCsv } from './csv-roll.js';
import { type RegResult, refuse } from './errors.js';
import { newInitialPassword } from './one-time-password.js';
import { hashPassword } from './password.js';

/** Import progress: `phase` and how many of `total` rows are done. */
export type ImportProgress = (p: { phase: 'hash' | 'store'; done: number; total: number }) => void;

/** What an import did. `passwords` lists generated one-time passwords (password-less rolls only). */
export interface ImportResult {
  readonly imported: number;
  readonly passwords: readonly { login: string; password: string }[];
}

/** Passwords hashed at once (argon2 runs on libuv's thread pool). */
const HASH_CONCURRENCY = 4;

/** Imports a CSV roll on behalf of `actor` (an admin login, or `operator`). */
export async function importRoll(
  c: RegistrarContext,
  csv: string,
  actor: string,
  progress?: ImportProgress,
): Promise<RegResult<ImportResult>> {
  const parsed = parseRollCsv(csv);
  if (!parsed.ok) return refuse('ROLL_INVALID', parsed.message);
  const rows = parsed.value.rows;
  // Logins already on the roll are refused before any work is done.
  const taken = await existingVoterLogins(
    c.db.db,
    rows.map((r) => r.login),
  );
  const clash = rows.find((r) => taken.has(r.login));
  if (clash)
    return refuse('LOGIN_TAKEN', `line ${clash.line}, column login: "${clash.login}" is already a voter`);
  const passwords = rows.map((r) => r.password ?? newInitialPassword(c.rng));
  const voters: NewVoter[] = new Array(rows.length);
  let done = 0;
  const total = rows.length;
  progress?.({ phase: 'hash', done, total });
  for (let i = 0; i < rows.length; i += HASH_CONCURRENCY) {
    const part = rows.slice(i, i + HASH_CONCURRENCY);
    const hashes = await Promise.all(part.map((_, j) => hashPassword(passwords[i + j]!, c.cost)));
    part.forEach((r, j) => {
      voters[i + j] = {
        login: r.login,
        name: r.name,
        surname: r.surname,
        email: r.email,
        password_hash: hashes[j]!,
        roll_salt: newRollSalt(c.rng),
      };
    });
    done += part.length;
    progress?.({ phase: 'hash', done, total });
  }
  const now = c.now();
  try {
    await c.db.db.transaction().execute(async (t) => {
      // Checked again inside the transaction: a concurrent import may have taken a login meanwhile.
      const again = await existingVoterLogins(
        t,
        rows.map((r) => r.login),
      );
      if (again.size > 0) throw new LoginRace([...again][0]!);
      await insertVoters(t, voters, now);
      await appendAudit(t, {
        time: now,
        actor,
        action: 'import_roll',
        detail: canonicalJson({ count: rows.length, generated_passwords: !parsed.value.withPasswords }),
      });
    });
  } catch (e) {
    if (e instanceof LoginRace) return refuse('LOGIN_TAKEN', `"${e.login}" became a voter during the import`);
    throw e;
  }
  progress?.({ phase: 'store', done: total, total });
  return ok({
    imported: rows.length,
    passwords: parsed.value.withPasswords
      ? []
      : rows.map((r, i) => ({ login: r.login, password: passwords[i]! })),
  });
}

class LoginRace extends Error {
  constructor(readonly login: string) {
    super(`login ${login} taken`);
  }
}
