/**
 * `pnyx trustee …` against a node over HTTP: argument checks, `init`, and a whole 2-of-3 election whose
 * trustees act only through `step` and `decrypt`, watched with `status`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTrusteeCommand } from '../../../src/cli/trustee.js';
import { toHex } from '../../../src/crypto/bytes.js';
import { canonicalJson, isJsonObject, parseJson } from '../../../src/crypto/encoding/canonical-json.js';
import type { NetServer } from '../../../src/net/server.js';
import { createLedgerServer } from '../../../src/node/http/server.js';
import { KEY_FILE_FORMAT } from '../../../src/node/keys.js';
import type { PnyxNode } from '../../../src/node/node.js';
import { definition, type Person, TestLedger, TRUSTEES, tempDir, testCrypto, until } from './fixture.js';

/** Runs `pnyx trustee ARGS…`; returns what it printed and the exit code it set. */
async function pnyx(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const output = {
    writeOut: (t: string) => {
      out += t;
    },
    writeErr: (t: string) => {
      err += t;
    },
  };
  const program = new Command('pnyx').exitOverride().configureOutput(output);
  addTrusteeCommand(program);
  for (const c of [...program.commands, ...program.commands.flatMap((x) => x.commands)])
    c.exitOverride().configureOutput(output);
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => {
    out += s;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => {
    err += s;
    return true;
  }) as typeof process.stderr.write;
  process.exitCode = 0;
  let code = 0;
  try {
    await program.parseAsync(['node', 'pnyx', 'trustee', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    code = (e as { exitCode?: number }).exitCode ?? 99;
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    process.exitCode = 0;
  }
  return { out, err, code };
}

/** Writes a person's key file where `--data-dir DIR --name NAME` finds it. */
function keyFile(dir: string, who: Person): void {
  const text = canonicalJson({ format: KEY_FILE_FORMAT, public: who.pk, secret: toHex(who.sk), version: 1 });
  writeFileSync(join(dir, `${who.name}.key`), `${text}\n`, { mode: 0o600 });
}

let ledger: TestLedger;
let server: NetServer;
let url: string;
const dirs = TRUSTEES.map(() => tempDir());

beforeAll(async () => {
  const { env } = await testCrypto();
  ledger = await TestLedger.create(definition('elgamal-ristretto255', 3, 2), env);
  server = createLedgerServer({
    node: ledger.node as PnyxNode<unknown>,
    roles: ['observer', 'miner', 'validator'],
    logger: pino({ level: 'silent' }),
  });
  url = await server.start();
  for (const [i, t] of TRUSTEES.entries()) keyFile(dirs[i]!.dir, t);
});

afterAll(async () => {
  await server.stop();
  await ledger.stop();
  for (const d of dirs) d.remove();
});

const as = (i: number) => ['--node', url, '--data-dir', dirs[i]!.dir, '--name', TRUSTEES[i]!.name];

describe('pnyx trustee: arguments', () => {
  it('refuses bad node URLs, faults, names and modes with a sentence', async () => {
    expect((await pnyx('status', '--node', 'ftp://x')).err).toContain('http(s)://HOST:PORT');
    expect((await pnyx('step', ...as(0), '--fault', 'crash')).err).toContain('faults are');
    expect((await pnyx('init', '--name', '../x')).err).toContain('a name is');
    expect((await pnyx('run', ...as(0), '--mode', 'sometimes')).code).not.toBe(0);
    expect((await pnyx('status')).err).toContain('--node');
    expect((await pnyx('status', ...as(0), '--genesis', 'xyz')).err).toContain('64 lowercase hex');
  });

  it('refuses a ledger other than the pinned one', async () => {
    const wrong = await pnyx('status', ...as(0), '--genesis', '0'.repeat(64));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('GENESIS_MISMATCH');
    const right = await pnyx('status', ...as(0), '--genesis', ledger.chain.ledger.genesis.id);
    expect(right.code).toBe(0);
    expect(right.out).toContain('this key    trustee 1');
  });

  it('init creates a key once and prints its public key; other commands need it', async () => {
    const d = tempDir();
    try {
      const a = await pnyx('init', '--data-dir', d.dir, '--name', 'zed');
      expect(a.out).toMatch(/^[0-9a-f]{64}\n$/);
      expect((await pnyx('init', '--data-dir', d.dir, '--name', 'zed')).out).toBe(a.out);
      const s = await pnyx('status', '--node', url, '--data-dir', d.dir, '--name', 'nobody');
      expect(s.code).toBe(1);
      expect(s.err).toContain('pnyx trustee init');
      const z = await pnyx('status', '--node', url, '--data-dir', d.dir, '--name', 'zed');
      expect(z.out).toContain('is no trustee of this election');
    } finally {
      d.remove();
    }
  });
});

describe('pnyx trustee: a whole election by hand', () => {
  it('step through the ceremony, then two trustees decrypt', async () => {
    const records = () => ledger.view().ceremony.length;
    for (let round = 0; round < 4; round++) {
      const before = records();
      for (let i = 0; i < 3; i++) {
        const r = await pnyx('step', ...as(i));
        expect(r.code, r.out + r.err).toBe(0);
        expect(r.out).toContain(`trustee ${i + 1}: ceremony sent`);
      }
      await until(() => records() === before + 3, `round ${round} on the ledger`);
    }
    const done = await pnyx('status', ...as(0), '--json');
    const s = parseJson(done.out.trim());
    if (!s.ok || !isJsonObject(s.value)) throw new Error(done.out + done.err);
    expect(s.value.ceremony).toMatchObject({ phase: 'done', qualified: [1, 2, 3], confirmed: [1, 2, 3] });
    expect(s.value.next).toMatchObject({ ceremony: { outcome: 'done' }, decryption: { outcome: 'wait' } });
    expect((await pnyx('step', ...as(1))).out).toContain('ceremony done');
    await ledger.vote([
      [0, 0],
      [2, 1],
    ]);
    await ledger.close();
    for (const i of [0, 2]) expect((await pnyx('decrypt', ...as(i))).out).toContain('decryption sent');
    const final = () => ledger.chain.ledger.lastFinal().state.decryption;
    await until(() => final()?.counts !== undefined, 'the tally decryption');
    expect(final()!.counts).toEqual([
      [1n, 0n, 1n],
      [1n, 1n],
    ]);
    const human = await pnyx('status', ...as(1));
    expect(human.out).toContain('accepted 1, 3');
    expect(human.out).toContain('counts [[1,0,1],[1,1]]');
  }, 60_000);
});
