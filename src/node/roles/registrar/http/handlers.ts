/** The handlers of {@link REGISTRAR_ROUTES} over a {@link Registrar}. */
import { ok } from '../../../../crypto/result.js';
import type { Handlers } from '../../../../net/handlers.js';
import { rollEntryCommitment } from '../../../../protocol/election/roll.js';
import { countVoters, listVoters, voterInfo } from '../../../../store/registrar/accounts.js';
import { latestAudit } from '../../../../store/registrar/audit.js';
import { authenticate, login, loginTotp, logout, type Subject } from '../auth.js';
import { closeElection } from '../close.js';
import { rollEntries } from '../elections.js';
import { type RegResult, refuse } from '../errors.js';
import { registrationOpen } from '../modes/mode.js';
import { changePassword } from '../password-change.js';
import type { Registrar } from '../registrar.js';
import { confirmTotp, enrolTotp } from '../totp-enrolment.js';
import { failure, output } from './output.js';
import type { RegistrarRoutes } from './routes.js';

const done = { status: 'ok' } as const;

/** The handlers; `actorOf` names an admin in the audit log. */
export function registrarHandlers(reg: Registrar): Handlers<RegistrarRoutes> {
  const c = reg.context;
  const db = c.db.db;
  const asVoter = (token: string) => authenticate(c, token, 'voter');
  const asAdmin = (token: string) => authenticate(c, token, 'admin');
  const asAny = async (token: string): Promise<RegResult<Subject>> => {
    const v = await asVoter(token);
    return v.ok || v.code !== 'SESSION_INVALID' ? v : asAdmin(token);
  };
  const adminLogin = async (who: Subject): Promise<string> =>
    (await db.selectFrom('registrar_admins').select('login').where('id', '=', who.id).executeTakeFirst())
      ?.login ?? `admin#${who.id}`;
  return {
    login: async ({ body }) => output(await login(c, 'voter', body.login, body.password), (s) => s),
    adminLogin: async ({ body }) => output(await login(c, 'admin', body.login, body.password), (s) => s),
    loginTotp: async ({ body }) => output(await loginTotp(c, body.challenge, body.code), (s) => s),
    logout: async ({ body }) => output(await logout(c, body.session), () => done),
    changePassword: async ({ body }) => {
      const who = await asAny(body.session);
      if (!who.ok) return failure(who);
      return output(
        await changePassword(c, who.value, body.session, body.password, body.new_password),
        () => done,
      );
    },
    me: async ({ body }) => {
      const who = await asVoter(body.session);
      if (!who.ok) return failure(who);
      const v = await voterInfo(db, who.value.id);
      if (!v) return failure(refuse('SESSION_INVALID', 'the account of this session no longer exists'));
      return ok({
        login: v.login,
        name: v.name,
        surname: v.surname,
        email: v.email,
        totp: v.totp,
        roll_salt: v.roll_salt,
        roll_entry: rollEntryCommitment(v.login, v.roll_salt),
      });
    },
    totpEnrol: async ({ body }) => {
      const who = await asAny(body.session);
      return who.ok ? output(await enrolTotp(c, who.value), (r) => r) : failure(who);
    },
    totpConfirm: async ({ body }) => {
      const who = await asAny(body.session);
      return who.ok ? output(await confirmTotp(c, who.value, body.code), () => done) : failure(who);
    },
    roll: async () => {
      const entries = await rollEntries(db);
      const r = await reg.rollCommitment();
      return ok(r.ok ? { count: r.value.count, hash: r.value.hash, entries } : { count: 0, entries });
    },
    election: async ({ params }) => {
      const e = await reg.elections.get(params.election);
      return output(e, (x) => ({
        id: x.definition.id,
        fingerprint: x.fingerprint,
        chain: x.chain,
        mode: x.definition.eligibility.mode,
        ...(x.definition.eligibility.mode === 'blind-tokens'
          ? { token_key: x.definition.eligibility.token_key }
          : {}),
        registration_open: registrationOpen(x, c.now()),
      }));
    },
    registerKey: async ({ params, body }) => {
      const who = await asVoter(body.session);
      if (!who.ok) return failure(who);
      return output(await reg.registerKey(params.election, who.value.id, { key: body.key }), (a) => ({
        key: a.key,
        boxes: [...a.boxes],
      }));
    },
    requestToken: async ({ params, body }) => {
      const who = await asVoter(body.session);
      if (!who.ok) return failure(who);
      return output(
        await reg.requestToken(params.election, who.value.id, { blinded: body.blinded }),
        (a) => a,
      );
    },
    adminImportRoll: async ({ body }) => {
      const who = await asAdmin(body.session);
      if (!who.ok) return failure(who);
      return output(await reg.importRoll(body.csv, await adminLogin(who.value)), (r) => ({
        imported: r.imported,
        passwords: [...r.passwords],
      }));
    },
    adminVoters: async ({ body }) => {
      const who = await asAdmin(body.session);
      if (!who.ok) return failure(who);
      return ok({
        count: await countVoters(db),
        voters: await listVoters(db, body.after ?? 0, body.limit ?? 100),
      });
    },
    adminCreate: async ({ body }) => {
      const who = await asAdmin(body.session);
      if (!who.ok) return failure(who);
      return output(await reg.createAdmin(body.login, body.password, await adminLogin(who.value)), (r) => r);
    },
    adminBootstrap: async ({ body }) =>
      output(await reg.createAdmin(body.login, body.password, 'operator', true), (r) => r),
    adminClose: async ({ params }) => {
      const e = await reg.elections.get(params.election);
      if (!e.ok) return failure(e);
      return output(await closeElection(reg, e.value, 'operator'), (a) => a);
    },
    adminAudit: async ({ body }) => {
      const who = await asAdmin(body.session);
      if (!who.ok) return failure(who);
      return ok({ entries: await latestAudit(db, body.limit ?? 100) });
    },
  };
}
