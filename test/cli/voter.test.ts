/**
 * `pnyx voter` and `pnyx election` against a whole election in one process (real HTTP on loopback):
 * registration, casting to both boxes, receipt checks on the client's own copy of the ledger, an audit,
 * a box that is down, a second ballot under `once`, status, early close and results.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/client-io.js';
import { runElectionClose, runElectionStatus, runResults } from '../../src/cli/election.js';
import { runVoterCheck, runVoterRegister, runVoterVote, type VoterCliDeps } from '../../src/cli/voter.js';
import { checkReceipt } from '../../src/client/check.js';
import { ensureBuilt } from '../roles/ballot-box/harness.js';
import { ADMIN_TOKEN, TestElection, VOTERS } from './election-fixture.js';
import { captured, scripted } from './io.js';

ensureBuilt();

let e: TestElection;

beforeAll(async () => {
  e = await TestElection.start();
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

describe('pnyx voter: register, vote, check', () => {
  it('registers a key (mode 0600), never prints the password or the secret key', async () => {
    const { io, d } = deps();
    expect(await runVoterRegister(as(0), d)).toBe(EXIT.ok);
    expect(io.text()).toContain('registered: election client-test (identity-keys)');
    expect(io.text()).toContain('ballot boxes: box-a, box-b');
    expect(statSync(keyFile('ana')).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(keyFile('ana'), 'utf8')) as { secret: string };
    expect(io.text()).not.toContain(VOTERS[0]![1]);
    expect(io.text()).not.toContain(file.secret);
    // Again: the same key, already registered, no login needed.
    const again = deps();
    expect(await runVoterRegister({ ...as(0), password: undefined, login: undefined }, again.d)).toBe(
      EXIT.ok,
    );
    expect(again.io.text()).toContain('already registered');
  });

  it('votes with --choice flags: a receipt from each box, then the receipt checks as counted', async () => {
    const { io, d } = deps();
    const receipts = join(e.dir, 'ana.receipt.json');
    const code = await runVoterVote(
      { ...as(0), choice: ['chair=bo', 'Approve the budget?=Yes'], receiptFile: receipts, wait: '20' },
      d,
    );
    expect(io.errors.filter((l) => !l.startsWith('waiting: '))).toEqual([]);
    expect(code).toBe(EXIT.ok);
    expect(io.lines[0]).toMatch(/^tracker: [0-9a-f]{64}$/);
    expect(io.lines.filter((l) => l.startsWith('receipt box-'))).toHaveLength(2);
    await e.settle();
    const check = deps();
    expect(await runVoterCheck(receipts, { node: e.ledgerUrl }, check.d)).toBe(EXIT.ok);
    expect(check.io.text()).toContain('receipt: signed by box box-a (checked)');
    expect(check.io.text()).toContain('standing: counted (the election is not closed yet)');
    expect(check.io.lines.filter((l) => l.startsWith('  block '))).toHaveLength(2);
    // The library call the demo uses: the same answer from a bare tracker.
    const tracker = io.lines[0]!.slice('tracker: '.length);
    const c = await checkReceipt(e.ledgerUrl, tracker, { env: e.env, now: e.now });
    expect(c).toMatchObject({ standing: 'counted', provisional: true, phase: 'open' });
    expect(c.records.map((r) => r.verdict).sort()).toEqual(['counted', 'same-version']);
  }, 60_000);

  it('refuses a second ballot under `once` at every box: no receipt, exit 1', async () => {
    const { io, d } = deps();
    const code = await runVoterVote({ ...as(0), choice: ['chair=ada', 'budget=no'] }, d);
    expect(code).toBe(EXIT.refused);
    expect(io.text()).toContain('DOUBLE_VOTE');
    expect(io.text()).toContain('NO_RECEIPT');
  }, 60_000);

  it('audits a ballot: it opens to the choices, is spoiled, and checks as spoiled', async () => {
    const { io, d } = deps();
    const out = join(e.dir, 'ben.audit.json');
    const code = await runVoterVote(
      { ...as(1), choice: ['chair=cy', 'budget=no'], audit: true, receiptFile: out, wait: '20' },
      d,
    );
    expect(io.errors.filter((l) => !l.startsWith('waiting: '))).toEqual([]);
    expect(code).toBe(EXIT.ok);
    expect(io.text()).toContain('audited (spoiled, not counted)');
    expect(io.text()).toContain('Who chairs?: Cy');
    await e.settle();
    const tracker = (JSON.parse(readFileSync(out, 'utf8')) as { tracker: string }).tracker;
    const check = deps();
    expect(await runVoterCheck(tracker, { node: e.ledgerUrl, json: true }, check.d)).toBe(EXIT.ok);
    expect(JSON.parse(check.io.lines[0]!)).toMatchObject({ standing: 'spoiled', tracker });
  }, 60_000);

  it('asks in a terminal: password, each question, a review', async () => {
    const { io, d } = deps(true, [VOTERS[2]![1], 'ada', 'yes', true]);
    const code = await runVoterVote({ ...as(2), password: undefined, wait: '20' }, d);
    expect(io.errors.filter((l) => !l.startsWith('waiting: '))).toEqual([]);
    expect(code).toBe(EXIT.ok);
    expect((d.prompter as ReturnType<typeof scripted>).asked).toEqual([
      'Password',
      'Who chairs? [chair]',
      'Approve the budget? [budget]',
      'Cast this ballot?',
    ]);
    expect(io.text()).toContain('  Who chairs?: Ada');
  }, 60_000);

  it('a box that is down is reported; the other box’s receipt counts', async () => {
    await e.boxServers[1]!.stop();
    const { io, d } = deps();
    const code = await runVoterVote(
      { ...as(3), choice: ['chair=ada', 'budget=yes'], timeout: '5', wait: '20' },
      d,
    );
    expect(code).toBe(EXIT.ok);
    expect(io.text()).toContain('receipt box-a');
    expect(io.text()).toMatch(/box box-b: FAILED (UNREACHABLE|TIMEOUT)/);
  }, 60_000);
});

describe('pnyx election: status, close, results', () => {
  it('status shows the open election with its turnout', async () => {
    await e.settle();
    const { io, d } = deps();
    expect(await runElectionStatus({ node: e.ledgerUrl, json: true }, d)).toBe(EXIT.ok);
    const s = JSON.parse(io.lines[0]!) as Record<string, unknown>;
    expect(s).toMatchObject({
      phase: 'open',
      election: 'client-test',
      counted: 3,
      audits: 1,
      eligible_keys: 4,
    });
    const text = deps();
    expect(await runElectionStatus({ node: e.ledgerUrl }, text.d)).toBe(EXIT.ok);
    expect(text.io.text()).toContain('ballots: 3 counted (75.0% of the roll)');
  }, 60_000);

  it('results before the decryption: exit 4', async () => {
    const { io, d } = deps();
    expect(await runResults({ node: e.ledgerUrl }, d)).toBe(EXIT.notYet);
    expect(io.text()).toContain('no results yet: the election is open');
  }, 60_000);

  it('close needs the node admin token; with it the election closes', async () => {
    const tokenFile = join(e.dir, 'admin-token');
    writeFileSync(tokenFile, 'a-wrong-token-of-enough-length\n');
    const bad = deps();
    expect(
      await runElectionClose(
        { node: e.registrarUrl, election: 'client-test', adminTokenFile: tokenFile },
        bad.d,
      ),
    ).toBe(EXIT.refused);
    expect(bad.io.text()).toContain('UNAUTHORIZED');
    writeFileSync(tokenFile, `${ADMIN_TOKEN}\n`);
    const { io, d } = deps();
    expect(
      await runElectionClose({ node: e.registrarUrl, election: 'client-test', adminTokenFile: tokenFile }, d),
    ).toBe(EXIT.ok);
    const closeTx = /close submitted: transaction ([0-9a-f]{64})/.exec(io.text())?.[1];
    expect(closeTx).toBeDefined();
    await e.final(closeTx!);
    await e.settle();
    const st = deps();
    expect(await runElectionStatus({ node: e.ledgerUrl, json: true }, st.d)).toBe(EXIT.ok);
    expect(JSON.parse(st.io.lines[0]!)).toMatchObject({ phase: 'closed', tally: { closed: true } });
    // Asking again is answered with the same transaction: the close is idempotent.
    const again = deps();
    expect(
      await runElectionClose(
        { node: e.registrarUrl, election: 'client-test', adminTokenFile: tokenFile },
        again.d,
      ),
    ).toBe(EXIT.ok);
    expect(again.io.lines[0]).toBe(io.lines[0]);
    // Voting is over for the voter who had not voted.
    const late = deps();
    expect(await runVoterVote({ ...as(2), choice: ['chair=ada', 'budget=yes'], wait: '1' }, late.d)).toBe(
      EXIT.notYet,
    );
    expect(late.io.text()).toContain('voting is over (the election is closed)');
  }, 60_000);
});
