/**
 * Argument checks and exit codes of `pnyx voter` and `pnyx election`, without a running election:
 * missing or bad flags (2), unreachable nodes (3), election specs (refused: 1; written: 0).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { parseChoices } from '../../src/cli/choices.js';
import { EXIT, UsageError } from '../../src/cli/client-io.js';
import {
  addElectionCommand,
  addResultsCommand,
  runElectionClose,
  runElectionCreate,
  runResults,
} from '../../src/cli/election.js';
import { addVoterCommand, runVoterCheck, runVoterRegister, runVoterVote } from '../../src/cli/voter.js';
import { clientEnv } from '../../src/client/env.js';
import { newVoterKey, readVoterKey, writeVoterKey } from '../../src/client/key-file.js';
import { parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { systemRng } from '../../src/crypto/rng.js';
import { decodeAuthorityGenesis } from '../../src/ledger/authority/genesis.js';
import { readElection } from '../../src/protocol/election/read.js';
import { manifestToJson } from '../../src/protocol/manifest.js';
import { MANIFEST, person } from './election-fixture.js';
import { captured, scripted } from './io.js';

const env = await clientEnv();
const dir = mkdtempSync(join(tmpdir(), 'pnyx-cli-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DEAD = 'http://127.0.0.1:1';
const deps = (interactive = false) => {
  const io = captured(interactive);
  return { io, d: { io, prompter: scripted([]), env } };
};

describe('pnyx voter: arguments', () => {
  it('needs its flags when not in a terminal (exit 2, a sentence)', async () => {
    const a = deps();
    expect(await runVoterVote({}, a.d)).toBe(EXIT.usage);
    expect(a.io.errors).toEqual(['error: give --node URL']);
    const b = deps();
    expect(await runVoterRegister({ node: 'ftp://x', election: 'e' }, b.d)).toBe(EXIT.usage);
    expect(b.io.text()).toContain('http(s)://HOST:PORT');
    const c = deps();
    expect(await runVoterRegister({ node: DEAD, election: 'e', keyFile: join(dir, 'k.json') }, c.d)).toBe(
      EXIT.usage,
    );
    expect(c.io.text()).toContain('give --login L');
    const t = deps();
    expect(await runVoterVote({ node: DEAD, election: 'e', timeout: 'soon' }, t.d)).toBe(EXIT.usage);
  });

  it('an unreachable registrar or node is exit 3', async () => {
    const a = deps();
    const code = await runVoterRegister(
      { node: DEAD, election: 'e', login: 'ana', password: 'secret-password', keyFile: join(dir, 'k.json') },
      a.d,
    );
    expect(code).toBe(EXIT.unreachable);
    expect(a.io.text()).not.toContain('secret-password');
    const b = deps();
    expect(await runVoterCheck('ab'.repeat(32), { node: DEAD }, b.d)).toBe(EXIT.unreachable);
  });

  it('check takes a tracker or a receipt file', async () => {
    const a = deps();
    expect(await runVoterCheck('not-a-tracker', { node: DEAD }, a.d)).toBe(EXIT.usage);
    expect(a.io.text()).toContain('neither a tracker');
    const f = join(dir, 'garbage.json');
    writeFileSync(f, 'tracker?');
    const b = deps();
    expect(await runVoterCheck(f, { node: DEAD }, b.d)).toBe(EXIT.usage);
    expect(b.io.text()).toContain('is not a JSON receipt');
  });

  it('--choice names questions and options by id or text; bad ones are named', () => {
    expect(parseChoices(MANIFEST, ['chair=bo', 'approve the budget?=YES'])).toEqual({
      chair: ['bo'],
      budget: ['yes'],
    });
    expect(() => parseChoices(MANIFEST, ['chair'])).toThrow(UsageError);
    expect(() => parseChoices(MANIFEST, ['mayor=bo'])).toThrow('no question "mayor"');
    expect(() => parseChoices(MANIFEST, ['chair=zed'])).toThrow('has no option "zed"');
  });

  it('the key file is 0600, reads back, and a tampered one is refused (exit 2)', async () => {
    const f = join(dir, 'voter.json');
    const k = newVoterKey(env.ed, systemRng, {
      id: 'e',
      fingerprint: 'ab'.repeat(32),
      mode: 'identity-keys',
    });
    writeVoterKey(f, { ...k, boxes: ['box-a'] });
    expect(readVoterKey(f, env.ed)).toEqual({ ...k, boxes: ['box-a'] });
    const o = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
    writeFileSync(f, JSON.stringify({ ...o, public: 'cd'.repeat(32) }));
    const a = deps();
    expect(await runVoterVote({ node: DEAD, election: 'e', keyFile: f }, a.d)).toBe(EXIT.usage);
    expect(a.io.text()).toContain('KEY_FILE_INVALID');
  });
});

const keys = (n: string) => person(n).pk;

function spec(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'spec-test',
    manifest: manifestToJson(MANIFEST),
    schedule: { opens_at: '2030-01-01T08:00:00Z', closes_at: '2030-01-01T18:00:00Z' },
    boxes: [{ id: 'box-a', key: keys('box-a'), url: 'http://127.0.0.1:8101' }],
    validators: [keys('v1'), keys('v2'), keys('v3')],
    hardness: 2,
    trustees: { n: 1, k: 1, members: [{ index: 1, name: 't1', key: keys('t1') }] },
    registrar: keys('registrar'),
    roll: { count: 3, hash: '00'.repeat(32) },
    ...over,
  };
}

describe('pnyx election create', () => {
  it('writes a genesis the ledger and the election rules accept, defaults filled', async () => {
    const f = join(dir, 'spec.json');
    const out = join(dir, 'genesis.json');
    writeFileSync(f, JSON.stringify(spec({ genesis: { time: '2029-12-31T00:00:00Z' } })));
    const { io, d } = deps();
    expect(await runElectionCreate({ spec: f, out }, d)).toBe(EXIT.ok);
    expect(io.lines[0]).toMatch(/^genesis: [0-9a-f]{64}$/);
    const p = parseJson(readFileSync(out, 'utf8').trim());
    expect(p.ok).toBe(true);
    const g = decodeAuthorityGenesis(p.ok ? p.value : null);
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(g.value.genesis).toMatchObject({
      quorum: 2,
      hardness: 2,
      time: Date.parse('2029-12-31T00:00:00Z'),
    });
    const def = readElection((g.value.block.content as { election: unknown }).election);
    expect(def.ok && def.value).toMatchObject({
      scheme: 'elgamal-ristretto255',
      revote: 'once',
      eligibility: { mode: 'identity-keys' },
      schedule: { opens_at: Date.parse('2030-01-01T08:00:00Z') },
    });
  });

  it('refuses a definition the rules refuse (exit 1, the field named) and bad files (exit 2)', async () => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify(spec({ quorum: 1 })));
    const a = deps();
    expect(await runElectionCreate({ spec: f, out: join(dir, 'x.json') }, a.d)).toBe(EXIT.refused);
    expect(a.io.text()).toContain('ELECTION_INVALID: quorum must be more than half');
    writeFileSync(f, JSON.stringify(spec({ scheme: 'rot13' })));
    const b = deps();
    expect(await runElectionCreate({ spec: f, out: join(dir, 'x.json') }, b.d)).toBe(EXIT.refused);
    expect(b.io.text()).toContain('scheme');
    writeFileSync(f, '{"id": ');
    const c = deps();
    expect(await runElectionCreate({ spec: f, out: join(dir, 'x.json') }, c.d)).toBe(EXIT.usage);
    const m = deps();
    expect(await runElectionCreate({ out: join(dir, 'x.json') }, m.d)).toBe(EXIT.usage);
    const n = deps();
    expect(await runElectionCreate({ spec: join(dir, 'missing.json'), out: 'x' }, n.d)).toBe(EXIT.usage);
    writeFileSync(f, JSON.stringify(spec({ schedule: { opens_at: 'tomorrow', closes_at: 5 } })));
    const t = deps();
    expect(await runElectionCreate({ spec: f, out: 'x' }, t.d)).toBe(EXIT.usage);
    expect(t.io.text()).toContain('schedule.opens_at "tomorrow"');
  });
});

describe('pnyx election close, status, results: arguments', () => {
  it('close needs a readable admin token file; results need a node URL', async () => {
    const a = deps();
    expect(await runElectionClose({ node: DEAD, election: 'e' }, a.d)).toBe(EXIT.usage);
    const f = join(dir, 'short-token');
    writeFileSync(f, 'short\n');
    const b = deps();
    expect(await runElectionClose({ node: DEAD, election: 'e', adminTokenFile: f }, b.d)).toBe(EXIT.usage);
    expect(b.io.text()).toContain('at least 16 printable characters');
    const c = deps();
    expect(await runResults({}, c.d)).toBe(EXIT.usage);
    const u = deps();
    expect(await runResults({ node: DEAD }, u.d)).toBe(EXIT.unreachable);
  });

  it('the command tree', () => {
    const p = new Command('pnyx');
    addVoterCommand(p);
    addElectionCommand(p);
    addResultsCommand(p);
    const names = (c: Command) => c.commands.map((x) => x.name());
    expect(names(p)).toEqual(['voter', 'election', 'results']);
    expect(names(p.commands[0]!)).toEqual(['register', 'vote', 'check']);
    expect(names(p.commands[1]!)).toEqual(['create', 'status', 'close', 'results']);
  });
});
