/**
 * Crash safety of the box: a child process runs a box (compiled, from dist/) whose ledger is unreachable;
 * the test casts ballots and kills the child with SIGKILL as soon as the first receipt arrives. A second
 * child on the same SQLite file must hold every receipted ballot, with the same receipt, and forward it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.js';
import { createClient } from '../../../src/net/client.js';
import { BALLOT_BOX_ROUTES, type ReceiptView } from '../../../src/node/roles/ballot-box/routes.js';
import { electionToJson } from '../../../src/protocol/election/write.js';
import {
  BOX_A,
  castBy,
  contextOf,
  election,
  json,
  KEY_JSON,
  OPENS,
  VOTERS,
  vote,
  voterKeys,
} from './election.js';
import { ensureBuilt } from './harness.js';

const DIST = (p: string) => JSON.stringify(pathToFileURL(join(process.cwd(), 'dist', p)).href);

const CHILD = `
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { canonicalJson } from ${DIST('crypto/encoding/canonical-json.js')};
import { fromHex } from ${DIST('crypto/bytes.js')};
import { ed25519Native as ed } from ${DIST('crypto/node/ed25519-native.js')};
import { decodeTx } from ${DIST('ledger/authority/tx.js')};
import { createServer } from ${DIST('net/server.js')};
import { identityFromSeed } from ${DIST('node/keys.js')};
import { silentLogger } from ${DIST('node/service.js')};
import { eligibilityView } from ${DIST('node/roles/ballot-box/eligibility.js')};
import { mountBallotBox } from ${DIST('node/roles/ballot-box/role.js')};
import { readElection } from ${DIST('protocol/election/read.js')};
import { identityKeysChecker } from ${DIST('protocol/eligibility/identity-keys.js')};
import { openDatabase } from ${DIST('store/open.js')};
const [cfgFile, mode] = process.argv.slice(2);
const cfg = JSON.parse(readFileSync(cfgFile, 'utf8'));
const def = readElection(cfg.election).value;
const checker = identityKeysChecker(ed, def);
const state = checker.apply(checker.initial(), 'voter_keys', cfg.voterKeys).value;
const opened = await openDatabase({ kind: 'sqlite', file: cfg.file });
const ledger = {
  chain: 'cd'.repeat(32),
  async submitTx(tx) {
    if (mode === 'down') throw new Error('the ledger is unreachable');
    const t = decodeTx(tx).value;
    const tracker = createHash('sha256').update(canonicalJson(t.body.cast)).digest('hex');
    process.stdout.write('forwarded ' + tracker + '\\n');
    return { ok: true, status: 'added' };
  },
  async inBlocks() { return new Set(); },
};
const role = await mountBallotBox({
  election: def, electionKey: () => cfg.key, identity: identityFromSeed(ed, fromHex(cfg.box, 32).value), ed,
  database: { ...opened, file: cfg.file }, eligibility: eligibilityView(checker, () => state), ledger,
  now: () => cfg.now, logger: silentLogger, workers: 1, tuning: { retryMs: 20, resubmitMs: 200 },
});
await role.box.start();
const server = createServer({ routes: role.routes, handlers: role.handlers, logger: pino({ level: 'silent' }) });
process.stdout.write('url ' + (await server.start()) + '\\n');
`;

function startChild(
  dir: string,
  mode: 'down' | 'up',
): { child: ChildProcess; url: Promise<string>; out: string[] } {
  const child = spawn(process.execPath, [join(dir, 'child.mjs'), join(dir, 'cfg.json'), mode], {
    cwd: process.cwd(),
  });
  const out: string[] = [];
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        out.push(line);
        const m = /^url (\S+)/.exec(line);
        if (m) resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`the box child exited (${code}): ${err}`)));
  });
  return { child, url, out };
}

describe('a box killed with SIGKILL right after a receipt', () => {
  const dir = mkdtempSync(join(process.cwd(), '.pnyx-box-crash-'));
  beforeAll(() => {
    ensureBuilt();
    const def = election('once');
    writeFileSync(join(dir, 'child.mjs'), CHILD);
    writeFileSync(
      join(dir, 'cfg.json'),
      JSON.stringify({
        election: electionToJson(def),
        key: KEY_JSON,
        box: toHex(BOX_A.secretKey),
        voterKeys: voterKeys(def),
        file: join(dir, 'box.db'),
        now: OPENS + 1000,
      }),
    );
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every receipted ballot and forwards it after the restart', async () => {
    const ctx = contextOf(election('once'));
    const casts = VOTERS.slice(0, 4).map((v, i) => castBy(ctx, v, vote(i, true)));
    const first = startChild(dir, 'down');
    const client = createClient(BALLOT_BOX_ROUTES, await first.url, { timeoutMs: 20_000 });
    const receipts = new Map<string, ReceiptView>();
    await new Promise<void>((resolve) => {
      let settled = 0;
      for (const c of casts)
        client
          .boxCast({ body: json(c.cast) })
          .then((r) => {
            receipts.set(c.tracker, r);
            first.child.kill('SIGKILL'); // at once, with other casts possibly mid-commit
          })
          .catch(() => undefined)
          .finally(() => {
            if (++settled === casts.length) resolve();
          });
    });
    expect(receipts.size).toBeGreaterThan(0);

    const second = startChild(dir, 'up');
    try {
      const again = createClient(BALLOT_BOX_ROUTES, await second.url);
      for (const [tracker, receipt] of receipts) {
        const record = await again.boxRecord({ params: { tracker } });
        expect(record.receipt).toEqual(receipt);
      }
      const sum = await again.boxSum();
      expect(sum.count).toBeGreaterThanOrEqual(receipts.size);
      const deadline = Date.now() + 15_000;
      while ([...receipts.keys()].some((t) => !second.out.includes(`forwarded ${t}`))) {
        if (Date.now() > deadline) throw new Error('a receipted ballot was not forwarded after the restart');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      second.child.kill('SIGKILL');
    }
  }, 60_000);
});
