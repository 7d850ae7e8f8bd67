/**
 * The registrar over HTTP on a loopback server, with its tables in SQLite (and PostgreSQL when
 * PNYX_TEST_PG is reachable): roll import, logins, lockout, TOTP, identity keys, blind tokens,
 * publications, and bad inputs that are refused with their code and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blindPublicKeyFromJson, generateBlindKeyPair } from '../../../src/crypto/blind/keys.js';
import { blindSign } from '../../../src/crypto/blind/tokens.js';
import { fromHex, toHex } from '../../../src/crypto/bytes.js';
import { rsaPrivateNative } from '../../../src/crypto/node/rsa-private-native.js';
import { unwrap } from '../../../src/crypto/result.js';
import { systemRng } from '../../../src/crypto/rng.js';
import { ed25519Pure, generateSigningKey } from '../../../src/crypto/sig/ed25519.js';
import { checkTxSignature } from '../../../src/ledger/authority/tx.js';
import { RemoteError } from '../../../src/net/index.js';
import { ElectionBook } from '../../../src/node/roles/registrar/elections.js';
import type { RegResult } from '../../../src/node/roles/registrar/errors.js';
import { totpCode } from '../../../src/node/roles/registrar/totp.js';
import { buildElection } from '../../../src/protocol/election/build.js';
import { electionFingerprint } from '../../../src/protocol/election/fingerprint.js';
import { checkVotingToken, finishToken, requestToken } from '../../../src/protocol/eligibility/token.js';
import { checkTokenIssued } from '../../../src/protocol/eligibility/token-issued.js';
import { checkVoterKeys } from '../../../src/protocol/eligibility/voter-keys.js';
import { INPUT } from '../../protocol/election/fixtures.js';
import { type Harness, PG_UP, startHarness } from './harness.js';

const ed = ed25519Pure;
const CHAIN = 'c'.repeat(64);
const HEAD = 'name,surname,email,login,password';
const ROLL = [1, 2, 3, 4, 5].map((i) => `Voter${i},Family${i},v${i}@example.org,voter${i},password-${i}`);

/** Expects a call to fail with `status` and `code`. */
async function refused(p: Promise<unknown>, status: number, code: string, message?: RegExp): Promise<void> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, `expected ${code}`).toBeInstanceOf(RemoteError);
  const r = e as RemoteError;
  expect({ status: r.status, code: r.code }).toEqual({ status, code });
  if (message) expect(r.message).toMatch(message);
}

/** The value of a registrar result, or a thrown error. */
function must<T>(r: RegResult<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

const freshKey = () => toHex(generateSigningKey(ed, systemRng).publicKey);

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !PG_UP)(`registrar over HTTP (${dialect})`, () => {
    let h: Harness;
    let admin: string;
    const sessions = new Map<string, string>();
    const voterLogin = async (login: string, password: string) => {
      const r = await h.client.login({ body: { login, password } });
      if (r.status !== 'ok') throw new Error('expected a session');
      sessions.set(login, r.session);
      return r.session;
    };

    beforeAll(async () => {
      h = await startHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('bootstraps the first admin with the node token, once', async () => {
      await refused(
        h.client.adminBootstrap({ body: { login: 'root', password: 'short' } }),
        400,
        'BODY_INVALID',
      );
      expect(await h.client.adminBootstrap({ body: { login: 'root', password: 'root-password' } })).toEqual({
        login: 'root',
      });
      await refused(
        h.client.adminBootstrap({ body: { login: 'root2', password: 'root-password' } }),
        403,
        'FORBIDDEN',
      );
      const r = await h.client.adminLogin({ body: { login: 'root', password: 'root-password' } });
      expect(r.status).toBe('ok');
      if (r.status === 'ok') admin = r.session;
      expect(
        await h.client.adminCreate({ body: { session: admin, login: 'clerk', password: 'clerk-password' } }),
      ).toEqual({
        login: 'clerk',
      });
      await refused(
        h.client.adminCreate({ body: { session: admin, login: 'clerk', password: 'clerk-password' } }),
        409,
        'LOGIN_TAKEN',
      );
    });

    it('refuses a roll with one bad row and imports nothing', async () => {
      const before = await h.snapshot();
      const bad = [HEAD, ...ROLL.slice(0, 2), 'Bad,Row,not-an-email,bad1,password-x', ...ROLL.slice(2)].join(
        '\n',
      );
      await refused(
        h.client.adminImportRoll({ body: { session: admin, csv: bad } }),
        400,
        'ROLL_INVALID',
        /line 4, column email/,
      );
      const dup = [HEAD, ...ROLL, ROLL[0]].join('\n');
      await refused(
        h.client.adminImportRoll({ body: { session: admin, csv: dup } }),
        400,
        'ROLL_INVALID',
        /line 7/,
      );
      expect(await h.snapshot()).toBe(before);
      expect((await h.client.adminVoters({ body: { session: admin } })).count).toBe(0);
    });

    it('imports a good roll, all of it, with progress', async () => {
      const seen: number[] = [];
      const r = must(
        await h.reg.importRoll([HEAD, ...ROLL.slice(0, 1)].join('\n'), 'operator', (p) => seen.push(p.done)),
      );
      expect(r.imported).toBe(1);
      expect(seen.at(-1)).toBe(1);
      const http = await h.client.adminImportRoll({
        body: { session: admin, csv: [HEAD, ...ROLL.slice(1)].join('\r\n') },
      });
      expect(http).toEqual({ imported: 4, passwords: [] });
      const list = await h.client.adminVoters({ body: { session: admin, limit: 10 } });
      expect(list.count).toBe(5);
      expect(list.voters.map((v) => v.login)).toEqual(['voter1', 'voter2', 'voter3', 'voter4', 'voter5']);
      expect(JSON.stringify(list)).not.toMatch(/argon2|password/);
      // an existing login refuses the whole import
      const before = await h.snapshot();
      await refused(
        h.client.adminImportRoll({
          body: { session: admin, csv: `${HEAD}\nNew,One,n@example.org,new1,password-n\n${ROLL[2]}` },
        }),
        409,
        'LOGIN_TAKEN',
        /line 3/,
      );
      expect(await h.snapshot()).toBe(before);
    });

    it('imports a password-less roll and answers one-time passwords once', async () => {
      const r = await h.client.adminImportRoll({
        body: { session: admin, csv: 'name,surname,email,login\nSix,S,six@example.org,voter6\n' },
      });
      expect(r.imported).toBe(1);
      expect(r.passwords).toHaveLength(1);
      const first = r.passwords[0]!.password;
      const s = await voterLogin('voter6', first);
      const other = await voterLogin('voter6', first);
      await refused(
        h.client.changePassword({ body: { session: s, password: first, new_password: 'short' } }),
        400,
        'BODY_INVALID',
      );
      await refused(
        h.client.changePassword({
          body: { session: s, password: 'not-the-one', new_password: 'voter6-own-password' },
        }),
        401,
        'LOGIN_FAILED',
      );
      expect(
        await h.client.changePassword({
          body: { session: s, password: first, new_password: 'voter6-own-password' },
        }),
      ).toEqual({ status: 'ok' });
      // the other session ended; the one-time password no longer works
      await refused(h.client.me({ body: { session: other } }), 401, 'SESSION_INVALID');
      await refused(h.client.login({ body: { login: 'voter6', password: first } }), 401, 'LOGIN_FAILED');
      await voterLogin('voter6', 'voter6-own-password');
    });

    it('logs voters in with the right password only, the same answer for unknown logins', async () => {
      await refused(
        h.client.login({ body: { login: 'voter1', password: 'password-2' } }),
        401,
        'LOGIN_FAILED',
      );
      await refused(
        h.client.login({ body: { login: 'nobody', password: 'password-2' } }),
        401,
        'LOGIN_FAILED',
      );
      await voterLogin('voter1', 'password-1');
      // an admin session is no voter session and the reverse
      await refused(h.client.me({ body: { session: admin } }), 401, 'SESSION_INVALID');
      await refused(
        h.client.adminVoters({ body: { session: sessions.get('voter1')! } }),
        403,
        'ADMIN_REQUIRED',
      );
    });

    it('locks a login after 5 failures, even for the right password, until the lockout ends', async () => {
      for (let i = 0; i < 5; i++)
        await refused(
          h.client.login({ body: { login: 'voter2', password: 'wrong-pass' } }),
          401,
          'LOGIN_FAILED',
        );
      await refused(
        h.client.login({ body: { login: 'voter2', password: 'password-2' } }),
        429,
        'ACCOUNT_LOCKED',
      );
      h.clock.t += 15 * 60_000 + 1;
      await voterLogin('voter2', 'password-2');
      // the clock moved past the admin session's lifetime
      await refused(h.client.adminVoters({ body: { session: admin } }), 401, 'SESSION_INVALID');
      const r = await h.client.adminLogin({ body: { login: 'clerk', password: 'clerk-password' } });
      if (r.status === 'ok') admin = r.session;
    });

    it('enrols TOTP, then needs a fresh code at login; a used code is refused', async () => {
      const s = await voterLogin('voter3', 'password-3');
      const { uri } = await h.client.totpEnrol({ body: { session: s } });
      const secret = new URL(uri).searchParams.get('secret')!;
      expect(uri).toMatch(/^otpauth:\/\/totp\//);
      await refused(
        h.client.totpConfirm({
          body: { session: s, code: '000000' === totpCode(secret, h.clock.t) ? '111111' : '000000' },
        }),
        401,
        'TOTP_INVALID',
      );
      const code = totpCode(secret, h.clock.t);
      expect(await h.client.totpConfirm({ body: { session: s, code } })).toEqual({ status: 'ok' });
      await refused(h.client.totpEnrol({ body: { session: s } }), 409, 'TOTP_ALREADY_ENROLLED');
      // the secret is stored sealed, never in clear
      expect(await h.snapshot()).not.toContain(secret);
      const step1 = await h.client.login({ body: { login: 'voter3', password: 'password-3' } });
      expect(step1.status).toBe('totp');
      if (step1.status !== 'totp') return;
      // the code used at confirmation cannot be used again
      await refused(h.client.loginTotp({ body: { challenge: step1.challenge, code } }), 401, 'TOTP_REPLAYED');
      await refused(h.client.me({ body: { session: step1.challenge } }), 401, 'SESSION_INVALID');
      h.clock.t += 30_000;
      const next = totpCode(secret, h.clock.t);
      const step2 = await h.client.loginTotp({ body: { challenge: step1.challenge, code: next } });
      expect(step2.status).toBe('ok');
      // the challenge is spent, and the code too
      await refused(
        h.client.loginTotp({ body: { challenge: step1.challenge, code: next } }),
        401,
        'SESSION_INVALID',
      );
      const again = await h.client.login({ body: { login: 'voter3', password: 'password-3' } });
      if (again.status !== 'totp') throw new Error('expected a challenge');
      await refused(
        h.client.loginTotp({ body: { challenge: again.challenge, code: next } }),
        401,
        'TOTP_REPLAYED',
      );
      if (step2.status === 'ok') sessions.set('voter3', step2.session);
    });

    it('publishes the roll commitment and tells each voter its entry', async () => {
      const me = await h.client.me({ body: { session: sessions.get('voter1')! } });
      const roll = await h.client.roll();
      expect(roll.count).toBe(6);
      expect(roll.entries).toContain(me.roll_entry);
      expect(unwrap(await h.reg.rollCommitment())).toEqual({ count: roll.count, hash: roll.hash });
    });

    describe('identity keys', () => {
      const ID = 'assembly-2026';
      let fingerprint: string;
      beforeAll(async () => {
        const def = unwrap(buildElection({ ...INPUT, roll: unwrap(await h.reg.rollCommitment()) }));
        fingerprint = electionFingerprint(def);
        must(await h.reg.addElection(def, CHAIN, 'operator'));
        // a voter imported after the election is not on its roll
        must(await h.reg.importRoll(`${HEAD}\nLate,L,late@example.org,late,password-late\n`, 'operator'));
        await voterLogin('late', 'password-late');
        await voterLogin('voter4', 'password-4');
      });

      it('registers a key once and answers its boxes', async () => {
        const key = freshKey();
        const s = sessions.get('voter1')!;
        const a = await h.client.registerKey({ params: { election: ID }, body: { session: s, key } });
        expect(a.boxes.map((b) => b.id)).toEqual(['box-a', 'box-b', 'box-c']);
        expect(await h.client.registerKey({ params: { election: ID }, body: { session: s, key } })).toEqual(
          a,
        );
        const before = await h.snapshot();
        await refused(
          h.client.registerKey({ params: { election: ID }, body: { session: s, key: freshKey() } }),
          409,
          'ALREADY_REGISTERED',
        );
        await refused(
          h.client.registerKey({ params: { election: ID }, body: { session: sessions.get('voter2')!, key } }),
          409,
          'KEY_TAKEN',
        );
        await refused(
          h.client.registerKey({
            params: { election: ID },
            body: { session: sessions.get('voter2')!, key: '0'.repeat(64) },
          }),
          422,
          'KEY_INVALID',
        );
        await refused(
          h.client.registerKey({
            params: { election: ID },
            body: { session: sessions.get('late')!, key: freshKey() },
          }),
          403,
          'NOT_ON_ROLL',
        );
        await refused(
          h.client.registerKey({ params: { election: 'nope' }, body: { session: s, key: freshKey() } }),
          404,
          'NOT_FOUND',
        );
        await refused(
          h.client.requestToken({ params: { election: ID }, body: { session: s, blinded: 'ab' } }),
          409,
          'MODE_MISMATCH',
        );
        await refused(
          h.client.registerKey({ params: { election: ID }, body: { session: admin, key: freshKey() } }),
          401,
          'SESSION_INVALID',
        );
        expect(await h.snapshot()).toBe(before);
        const info = await h.client.election({ params: { election: ID } });
        expect(info).toMatchObject({
          id: ID,
          fingerprint,
          chain: CHAIN,
          mode: 'identity-keys',
          registration_open: true,
        });
      });

      it('publishes the registered keys in one signed voter_keys record', async () => {
        const k2 = freshKey();
        await h.client.registerKey({
          params: { election: ID },
          body: { session: sessions.get('voter2')!, key: k2 },
        });
        await h.reg.publisher.flush();
        const txs = h.submitted.filter((t) => t.type === 'voter_keys');
        expect(txs).toHaveLength(1);
        const tx = txs[0]!;
        expect(checkTxSignature(ed, tx).ok).toBe(true);
        expect(tx.chain).toBe(CHAIN);
        const def = must(await h.reg.elections.get(ID)).definition;
        const rec = unwrap(checkVoterKeys(ed, def, fingerprint, tx.body));
        expect(rec.voters.map((v) => v.key)).toContain(k2);
        expect(rec.voters).toHaveLength(2);
        // nothing new: nothing published again
        await h.reg.publisher.flush();
        expect(h.submitted.filter((t) => t.type === 'voter_keys')).toHaveLength(1);
      });
    });

    describe('blind tokens', () => {
      const ID = 'tokens-2026';
      let tokenKeyHex: string;
      beforeAll(async () => {
        const pair = await generateBlindKeyPair(2048);
        tokenKeyHex = toHex(pair.publicKey.spki);
        const def = unwrap(
          buildElection({
            ...INPUT,
            id: ID,
            eligibility: { mode: 'blind-tokens', token_key: tokenKeyHex },
            roll: unwrap(await h.reg.rollCommitment()),
          }),
        );
        must(await h.reg.addElection(def, CHAIN, 'operator', pair.secretKey));
      });

      it('signs one blinded key per login; the token verifies and the key is never stored', async () => {
        const info = await h.client.election({ params: { election: ID } });
        expect(info.token_key).toBe(tokenKeyHex);
        const pk = unwrap(blindPublicKeyFromJson(info.token_key));
        const voterKey = freshKey();
        const req = requestToken(pk, info.fingerprint, voterKey, systemRng);
        const blinded = toHex(req.blindedMsg);
        const s = sessions.get('voter4')!;
        // a blinded message of the wrong length is refused and nothing is recorded
        const before = await h.snapshot();
        await refused(
          h.client.requestToken({
            params: { election: ID },
            body: { session: s, blinded: blinded.slice(2) },
          }),
          400,
          'ENCODING_INVALID',
        );
        await refused(
          h.client.requestToken({ params: { election: ID }, body: { session: s, blinded: 'f'.repeat(512) } }),
          400,
          'ENCODING_INVALID',
        );
        await refused(
          h.client.registerKey({ params: { election: ID }, body: { session: s, key: voterKey } }),
          409,
          'MODE_MISMATCH',
        );
        expect(await h.snapshot()).toBe(before);
        const a = await h.client.requestToken({ params: { election: ID }, body: { session: s, blinded } });
        const token = unwrap(await finishToken(pk, req, unwrap(fromHex(a.blind_signature))));
        expect((await checkVotingToken(pk, info.fingerprint, voterKey, token)).ok).toBe(true);
        // a second token for the same login is refused, whatever it asks
        const other = requestToken(pk, info.fingerprint, freshKey(), systemRng);
        await refused(
          h.client.requestToken({
            params: { election: ID },
            body: { session: s, blinded: toHex(other.blindedMsg) },
          }),
          409,
          'TOKEN_ALREADY_ISSUED',
        );
        // the registrar's database holds neither the voting key nor the blinded message
        const all = await h.snapshot();
        expect(all).not.toContain(voterKey);
        expect(all).not.toContain(blinded);
        expect(all).not.toContain(a.blind_signature);
      });

      it('reopens the sealed token key from the database (as after a restart)', async () => {
        const fresh = new ElectionBook(h.reg.context);
        const e = must(await fresh.get(ID));
        expect(e.tokenKey).toBeDefined();
        const info = await h.client.election({ params: { election: ID } });
        const pk = unwrap(blindPublicKeyFromJson(info.token_key));
        const voterKey = freshKey();
        const req = requestToken(pk, info.fingerprint, voterKey, systemRng);
        const z = unwrap(await blindSign(e.tokenKey!, req.blindedMsg, rsaPrivateNative));
        const token = unwrap(await finishToken(pk, req, z));
        expect((await checkVotingToken(pk, info.fingerprint, voterKey, token)).ok).toBe(true);
      });

      it('publishes the running token_issued total', async () => {
        const s1 = sessions.get('voter1')!;
        const info = await h.client.election({ params: { election: ID } });
        const pk = unwrap(blindPublicKeyFromJson(info.token_key));
        const req = requestToken(pk, info.fingerprint, freshKey(), systemRng);
        await h.client.requestToken({
          params: { election: ID },
          body: { session: s1, blinded: toHex(req.blindedMsg) },
        });
        await h.reg.publisher.flush();
        const txs = h.submitted.filter((t) => t.type === 'token_issued');
        expect(txs).toHaveLength(1);
        const def = must(await h.reg.elections.get(ID)).definition;
        expect(unwrap(checkTokenIssued(ed, def, info.fingerprint, txs[0]!.body)).total).toBe(2);
        await h.reg.publisher.flush();
        expect(h.submitted.filter((t) => t.type === 'token_issued')).toHaveLength(1);
      });
    });

    it('keeps a publication the ledger did not take and submits it later, unchanged', async () => {
      const s = sessions.get('voter5') ?? (await voterLogin('voter5', 'password-5'));
      await h.client.registerKey({
        params: { election: 'assembly-2026' },
        body: { session: s, key: freshKey() },
      });
      h.ledgerDown.down = true;
      const before = h.submitted.length;
      await h.reg.publisher.flush();
      expect(h.submitted.length).toBe(before);
      h.ledgerDown.down = false;
      await h.reg.publisher.flush();
      const voterKeys = h.submitted.filter((t) => t.type === 'voter_keys');
      expect(voterKeys).toHaveLength(2);
      expect((voterKeys[1]!.body as { voters: unknown[] }).voters).toHaveLength(1);
    });

    it('issues one token when one login asks twice at once', async () => {
      const ID = 'tokens-2026';
      const session = sessions.get('voter3')!;
      const info = await h.client.election({ params: { election: ID } });
      const pk = unwrap(blindPublicKeyFromJson(info.token_key));
      const ask = () =>
        h.client
          .requestToken({
            params: { election: ID },
            body: {
              session,
              blinded: toHex(requestToken(pk, info.fingerprint, freshKey(), systemRng).blindedMsg),
            },
          })
          .then(
            () => 'issued',
            (e: unknown) => (e instanceof RemoteError ? e.code : 'other'),
          );
      const outcomes = await Promise.all([ask(), ask(), ask()]);
      expect(outcomes.sort()).toEqual(['TOKEN_ALREADY_ISSUED', 'TOKEN_ALREADY_ISSUED', 'issued']);
    });

    it('refuses malformed requests with 4xx and a code, changing nothing', async () => {
      const before = await h.snapshot();
      const s = sessions.get('voter1')!;
      const post = (path: string, body: string, type = 'application/json') =>
        fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
      const cases: [string, string, number, string, string?][] = [
        ['/registrar/login', '{"login":"voter1"}', 400, 'BODY_INVALID'],
        ['/registrar/login', '{"login":"voter1","password":"password-1","x":1}', 400, 'BODY_INVALID'],
        ['/registrar/login', '{"login":"voter1","password":"password-1"', 400, 'JSON_INVALID'],
        ['/registrar/login', '{"login":"a b","password":"password-1"}', 400, 'BODY_INVALID'],
        [
          '/registrar/login',
          'login=voter1',
          415,
          'CONTENT_TYPE_UNSUPPORTED',
          'application/x-www-form-urlencoded',
        ],
        ['/registrar/login/totp', '{"challenge":"x","code":"123456"}', 400, 'BODY_INVALID'],
        [
          '/registrar/login/totp',
          `{"challenge":"${'A'.repeat(43)}","code":"123456"}`,
          401,
          'SESSION_INVALID',
        ],
        ['/registrar/me', `{"session":"${'A'.repeat(43)}"}`, 401, 'SESSION_INVALID'],
        ['/registrar/elections/assembly-2026/key', `{"session":"${s}","key":"XYZ"}`, 400, 'BODY_INVALID'],
        [
          '/registrar/elections/bad id/key',
          `{"session":"${s}","key":"${'a'.repeat(64)}"}`,
          400,
          'PARAMS_INVALID',
        ],
        ['/registrar/admin/roll', `{"session":"${s}","csv":"x"}`, 403, 'ADMIN_REQUIRED'],
        ['/registrar/admin/roll', `{"session":"${admin}","csv":""}`, 400, 'BODY_INVALID'],
        ['/registrar/admin/roll', `{"session":"${admin}","csv":"garbage"}`, 400, 'ROLL_INVALID'],
        ['/registrar/admin/bootstrap', '{"login":"x1","password":"password-x"}', 401, 'UNAUTHORIZED'],
        ['/registrar/totp/confirm', `{"session":"${s}","code":"12345"}`, 400, 'BODY_INVALID'],
        ['/registrar/totp/confirm', `{"session":"${s}","code":"123456"}`, 409, 'TOTP_NOT_PENDING'],
        ['/registrar/nothing', '{}', 404, 'ROUTE_NOT_FOUND'],
      ];
      for (const [path, body, status, code, type] of cases) {
        const r = await post(path, body, type);
        const j = (await r.json()) as { error: { code: string; message: string } };
        expect({ path, status: r.status, code: j.error.code }).toEqual({ path, status, code });
        expect(j.error.message.length).toBeGreaterThan(0);
      }
      expect(await h.snapshot()).toBe(before);
    });

    it('keeps an audit log and ends sessions at logout', async () => {
      const audit = await h.client.adminAudit({ body: { session: admin } });
      const actions = audit.entries.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['create_admin', 'import_roll', 'add_election']));
      const s = sessions.get('voter1')!;
      expect(await h.client.logout({ body: { session: s } })).toEqual({ status: 'ok' });
      await refused(h.client.me({ body: { session: s } }), 401, 'SESSION_INVALID');
      await refused(h.client.logout({ body: { session: s } }), 401, 'SESSION_INVALID');
    });

    it('closes registration with the polls', async () => {
      h.clock.t = INPUT.schedule.closes_at;
      await voterLogin('voter5', 'password-5');
      await refused(
        h.client.registerKey({
          params: { election: 'assembly-2026' },
          body: { session: sessions.get('voter5')!, key: freshKey() },
        }),
        403,
        'REGISTRATION_CLOSED',
      );
    });
  });
}
