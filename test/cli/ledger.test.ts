/** `pnyx ledger verify|export|import` on the ledger of an in-process node network. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addLedgerCommand,
  EXIT,
  exportLedger,
  importLedger,
  type LedgerIo,
  verifyFile,
} from '../../src/cli/ledger.js';
import { canonicalJson, type JsonObject, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { txId, txJson } from '../../src/ledger/authority/tx.js';
import { submitLocal } from '../../src/node/node.js';
import { allFinal, keyPair, type TestNet, testNet, tx, until } from '../node/helpers.js';

function capture(): LedgerIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) };
}

let t: TestNet;
let dir: string;
beforeAll(async () => {
  t = testNet({ sqlite: true, tuning: { miner: { maxTxs: 3, batchMs: 0 } } });
  for (const [i, name] of ['v0', 'v1', 'v2'].entries()) await t.up({ name, roles: ['validator'], v: i });
  await t.up({ name: 'm', roles: ['miner'] });
  const txs = Array.from({ length: 9 }, (_, i) => tx(keyPair(`c${i}`), 'note', { text: `cli ${i}` }));
  await submitLocal(t.nodes.get('m')!, txs.map(txJson));
  for (const n of t.nodes.values()) await until(() => allFinal(n, txs.map(txId)));
  dir = t.dir!;
});
afterAll(() => t.close());

describe('pnyx ledger', () => {
  it('exports a node, verifies the file and names the first bad block', async () => {
    const io = capture();
    const out = join(dir, 'v0.jsonl');
    expect(await exportLedger({ dataDir: dir, name: 'v0', out }, io)).toBe(EXIT.ok);
    expect(verifyFile(out, io)).toBe(EXIT.ok);
    expect(io.lines.join('\n')).toMatch(/ok {3}finality: last final block at height [1-9]/);
    // a forged transaction text in the second block after the genesis (line 4)
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const o = parseJson(lines[3]!);
    if (!o.ok) throw new Error(o.message);
    const entry = o.value as JsonObject;
    const block = entry.block as JsonObject;
    const content = block.content as JsonObject;
    const first = (content.txs as JsonObject[])[0]!;
    first.body = { text: 'forged' };
    lines[3] = canonicalJson(entry);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const io2 = capture();
    expect(verifyFile(bad, io2)).toBe(EXIT.invalid);
    expect(io2.lines.at(-1)).toMatch(
      /^FAIL line 4, height 2, block [0-9a-f]{64}: (BLOCK_POW_INVALID|SIGNATURE_INVALID): /,
    );
  });

  it('imports an export into a fresh node database and exports the same file again', async () => {
    const io = capture();
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    expect(await exportLedger({ dataDir: dir, name: 'v1', out: a }, io)).toBe(EXIT.ok);
    expect(await importLedger({ dataDir: dir, name: 'copy', in: a }, io)).toBe(EXIT.ok);
    expect(io.lines.at(-1)).toMatch(/^imported [1-9][0-9]* new blocks/);
    expect(await exportLedger({ dataDir: dir, name: 'copy', out: b }, io)).toBe(EXIT.ok);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    // importing again adds nothing
    expect(await importLedger({ dataDir: dir, name: 'copy', in: a }, io)).toBe(EXIT.ok);
    expect(io.lines.at(-1)).toBe('imported 0 new blocks and 0 new approvals');
  });

  it('answers bad arguments and unreadable files with clear errors and exit code 2', async () => {
    const io = capture();
    expect(verifyFile(join(dir, 'missing.jsonl'), io)).toBe(EXIT.usage);
    expect(io.lines.at(-1)).toMatch(/^ERR error: cannot read .*missing\.jsonl/);
    expect(await exportLedger({ dataDir: dir, name: '../x', out: join(dir, 'x') }, io)).toBe(EXIT.usage);
    expect(io.lines.at(-1)).toMatch(/--name must be/);
    expect(await exportLedger({ dataDir: dir, name: 'nobody', out: join(dir, 'x') }, io)).toBe(EXIT.usage);
    expect(io.lines.at(-1)).toMatch(/has no ledger yet/);
    const garbage = join(dir, 'garbage.jsonl');
    writeFileSync(garbage, 'hello\n');
    expect(verifyFile(garbage, io)).toBe(EXIT.invalid);
    expect(io.lines.at(-1)).toMatch(/^FAIL line 1: EXPORT_INVALID/);
    // commander refuses missing options before any action runs
    const program = new Command().exitOverride();
    let errText = '';
    program.configureOutput({
      writeErr: (s) => {
        errText += s;
      },
      writeOut: () => undefined,
    });
    addLedgerCommand(program, io);
    await expect(program.parseAsync(['node', 'pnyx', 'ledger', 'export', '--name', 'v0'])).rejects.toThrow();
    expect(errText).toMatch(/required option '--data-dir <dir>' not specified/);
  });
});
