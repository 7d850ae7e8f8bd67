/**
 * Durability of a node process: a child runs a node (compiled from dist/, SQLite, miner role) and prints a
 * line for every acknowledged transaction batch and every block it mined; the test kills it with SIGKILL
 * mid-stream, reopens the node over the same file and finds every acknowledged transaction (pending or in
 * a block) and every announced block.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/crypto/encoding/canonical-json.js';
import { txId, txJson } from '../../src/ledger/authority/tx.js';
import { blockJson } from '../../src/ledger/block.js';
import { openStore } from '../../src/store/kysely-store.js';
import { openLedger } from '../ledger/helpers.js';
import { GENESIS, keyPair, tx } from './helpers.js';

const ROOT = process.cwd();
const DIST = join(ROOT, 'dist/node/index.js');
const dir = mkdtempSync(join(ROOT, '.pnyx-test-'));
beforeAll(() => {
  if (existsSync(DIST)) return;
  spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    stdio: 'inherit',
  });
  if (!existsSync(DIST)) throw new Error(`building dist/ did not produce ${DIST}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const url = (p: string) => JSON.stringify(pathToFileURL(join(ROOT, p)).href);

/** The child: a lone miner node; reads transaction batches (JSON lines) from a file and submits them. */
const CHILD = `
import { readFileSync } from 'node:fs';
import { ed25519Native as ed } from ${url('dist/crypto/node/ed25519-native.js')};
import { systemRng } from ${url('dist/crypto/rng.js')};
import { OK, fail } from ${url('dist/crypto/result.js')};
import { createRegistry } from ${url('dist/ledger/index.js')};
import { openStore } from ${url('dist/store/index.js')};
import { createNode, identityFromSeed, silentLogger, submitLocal, LoopbackNetwork } from ${url('dist/node/index.js')};
import { blockIdFromTemplate } from ${url('dist/ledger/node/template-id.js')};
import { meetsPow } from ${url('dist/ledger/block.js')};
const [file, genesisFile, txFile] = process.argv.slice(2);
const registry = createRegistry(() => new Set(), [
  { type: 'note', checkBody: () => OK, allowed: () => OK, apply: (s) => s },
]);
const search = async (job) => {
  for (let nonce = job.start; ; nonce++) {
    const id = blockIdFromTemplate(job.template, nonce);
    if (meetsPow(id, job.hardness)) return { ok: true, value: { nonce, id, hashes: 1, ms: 1 } };
  }
};
const store = await openStore({ kind: 'sqlite', file });
const r = await createNode({
  name: 'm', roles: ['miner'], store, registry, ed, identity: identityFromSeed(ed, new Uint8Array(32).fill(7)),
  logger: silentLogger, now: Date.now, rng: systemRng, connect: new LoopbackNetwork().connector('mem://m'),
  genesis: JSON.parse(readFileSync(genesisFile, 'utf8')), search, tuning: { miner: { batchMs: 0, maxTxs: 5, maxAhead: 1000 } },
});
if (!r.ok) throw new Error(r.message);
const node = r.value;
node.chain.events.on('block', (e) => process.stdout.write('block ' + e.id + '\\n'));
await node.start();
const batches = readFileSync(txFile, 'utf8').trim().split('\\n').map((l) => JSON.parse(l));
for (const [i, b] of batches.entries()) {
  const rs = await submitLocal(node, b);
  if (rs.some((x) => !x.ok)) throw new Error('refused');
  process.stdout.write('ack ' + i + '\\n');
}
`;

describe('node durability', () => {
  it('keeps every acknowledged transaction and every announced block after SIGKILL', async () => {
    const batches = Array.from({ length: 200 }, (_, i) =>
      Array.from({ length: 10 }, (_, j) => tx(keyPair(`k${j}`), 'note', { text: `${i}/${j}` })),
    );
    writeFileSync(join(dir, 'genesis.json'), canonicalJson(blockJson(GENESIS)));
    writeFileSync(join(dir, 'txs.jsonl'), batches.map((b) => canonicalJson(b.map(txJson))).join('\n'));
    writeFileSync(join(dir, 'child.mjs'), CHILD);
    const db = join(dir, 'm.db');
    const child = spawn(process.execPath, [
      join(dir, 'child.mjs'),
      db,
      join(dir, 'genesis.json'),
      join(dir, 'txs.jsonl'),
    ]);
    let acked = -1;
    const blocks = new Set<string>();
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const l of lines) {
          const [kind, v] = l.split(' ');
          if (kind === 'ack') acked = Number(v);
          if (kind === 'block') blocks.add(v!);
        }
        if (acked >= 60 && blocks.size >= 3) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => (acked >= 60 ? resolve() : reject(new Error(`child exited early: ${err}`))));
    });
    await new Promise((r) => child.on('close', r));
    // reopen the file as a node would
    const store = await openStore({ kind: 'sqlite', file: db });
    const stored = new Set((await store.allBlocks()).map((b) => b.id));
    for (const id of blocks) expect(stored.has(id)).toBe(true);
    const inBlocks = new Set((await store.allBlocks()).flatMap((b) => b.txs.map((x) => x.id)));
    const pending = new Set((await store.allPending()).map((p) => p.id));
    for (let i = 0; i <= acked; i++)
      for (const x of batches[i]!) expect(inBlocks.has(txId(x)) || pending.has(txId(x))).toBe(true);
    // and the ledger replays cleanly over it, every announced block in its tree
    const ledger = await openLedger(store);
    for (const id of blocks) expect(ledger.get(id)).toBeDefined();
    await store.close();
  });
});
