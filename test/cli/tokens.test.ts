/**
 * `pnyx voter` in a blind-token election (seed 001): the token is blinded and unblinded on the client, kept
 * in the key file, and carried by the cast to every box; a login with a second factor needs its TOTP code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/client-io.js';
import { runVoterCheck, runVoterRegister, runVoterVote, type VoterCliDeps } from '../../src/cli/voter.js';
import { registrarClient } from '../../src/client/session.js';
import { totpCode } from '../../src/node/roles/registrar/totp.js';
import { ensureBuilt } from '../roles/ballot-box/harness.js';
import { TestElection, VOTERS } from './election-fixture.js';
import { captured, scripted } from './io.js';

ensureBuilt();

let e: TestElection;

beforeAll(async () => {
  e = await TestElection.start({ blindTokens: true, revote: 'last' });
}, 120_000);

afterAll(async () => {
  await e?.stop();
});

function deps(interactive = false, answers: (string | string[] | boolean)[] = []) {
  const io = captured(interactive);
  const d: VoterCliDeps = { io, prompter: scripted(answers), env: e.env, now: e.now };
  return { io, d };
}

const keyFile = (login: string) => join(e.dir, `${login}.key.json`);
const as = (i: number) => {
  const [login, password] = VOTERS[i]!;
  return {
    node: e.registrarUrl,
    ledger: e.ledgerUrl,
    election: 'client-test',
    login,
    password,
    keyFile: keyFile(login),
  };
};

describe('pnyx voter: blind tokens', () => {
  it('obtains a token for a key the registrar never sees, votes through every box, checks as counted', async () => {
    const r = deps();
    expect(await runVoterRegister(as(0), r.d)).toBe(EXIT.ok);
    expect(r.io.text()).toContain('voting token: held in the key file');
    const file = JSON.parse(readFileSync(keyFile('ana'), 'utf8')) as { public: string; token?: unknown };
    expect(file.token).toBeDefined();
    // The registrar's tables hold no voting key.
    const rows = await e.registrar.context.db.db.selectFrom('registrar_registrations').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(file.public);
    // A second token for the same login is refused; the key file keeps the first.
    const other = deps();
    expect(await runVoterRegister({ ...as(0), keyFile: join(e.dir, 'ana-2.json') }, other.d)).toBe(
      EXIT.refused,
    );
    expect(other.io.text()).toContain('TOKEN_ALREADY_ISSUED');

    const v = deps();
    const receipts = join(e.dir, 'ana.receipts.json');
    expect(
      await runVoterVote(
        { ...as(0), choice: ['chair=cy', 'budget=yes'], receiptFile: receipts, wait: '20' },
        v.d,
      ),
    ).toBe(EXIT.ok);
    expect(v.io.lines.filter((l) => l.startsWith('receipt box-'))).toHaveLength(2);
    await e.settle();
    const c = deps();
    expect(await runVoterCheck(receipts, { node: e.ledgerUrl, json: true }, c.d)).toBe(EXIT.ok);
    expect(JSON.parse(c.io.lines[0]!)).toMatchObject({ standing: 'counted', provisional: true });

    // Under `last`, a new ballot supersedes the first: the first receipt now checks as not counted (exit 1).
    const again = deps();
    expect(await runVoterVote({ ...as(0), choice: ['chair=ada', 'budget=no'], wait: '20' }, again.d)).toBe(
      EXIT.ok,
    );
    await e.settle();
    const old = deps();
    expect(await runVoterCheck(receipts, { node: e.ledgerUrl }, old.d)).toBe(EXIT.refused);
    expect(old.io.text()).toContain('standing: not-counted');
    expect(old.io.text()).toContain('superseded');
  }, 90_000);

  it('a login with a second factor needs its TOTP code', async () => {
    const [login, password] = VOTERS[1]!;
    const reg = registrarClient(e.registrarUrl);
    const step = await reg.login({ body: { login, password } });
    if (step.status !== 'ok') throw new Error('expected a session');
    const { uri } = await reg.totpEnrol({ body: { session: step.session } });
    const secret = new URL(uri).searchParams.get('secret')!;
    await reg.totpConfirm({ body: { session: step.session, code: totpCode(secret, e.clock.t) } });
    const a = deps();
    expect(await runVoterRegister(as(1), a.d)).toBe(EXIT.refused);
    expect(a.io.text()).toContain('TOTP_REQUIRED');
    // The confirmation's code is spent: the next step's code logs in.
    const b = deps();
    const code = totpCode(secret, e.clock.t + 30_000);
    e.clock.t += 30_000;
    expect(await runVoterRegister({ ...as(1), totp: code }, b.d)).toBe(EXIT.ok);
    expect(b.io.text()).not.toContain(code);
    // In a terminal, the code is asked for.
    const [login2, password2] = VOTERS[2]!;
    const s2 = await reg.login({ body: { login: login2, password: password2 } });
    if (s2.status !== 'ok') throw new Error('expected a session');
    const u2 = await reg.totpEnrol({ body: { session: s2.session } });
    const secret2 = new URL(u2.uri).searchParams.get('secret')!;
    await reg.totpConfirm({ body: { session: s2.session, code: totpCode(secret2, e.clock.t) } });
    e.clock.t += 30_000;
    const c = deps(true, [totpCode(secret2, e.clock.t)]);
    expect(await runVoterRegister(as(2), c.d)).toBe(EXIT.ok);
    expect((c.d.prompter as ReturnType<typeof scripted>).asked).toEqual(['One-time code (TOTP)']);
  }, 60_000);
});
