/**
 * Crash safety: a child process writes through the SQLite store and reports each acknowledged write;
 * the test kills it with SIGKILL mid-stream (no close, no cleanup), reopens the file and finds every
 * acknowledged write. The child imports the compiled store from dist/ (built by `npm run build`, or
 * here when missing).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDb } from './dialects.js';

const db = sqliteDb();
const DIST_STORE = join(process.cwd(), 'dist/store/index.js');
beforeAll(() => {
  if (existsSync(DIST_STORE)) return;
  // tsc emits even when other files have type errors; only the store's output matters here
  spawnSync(
    process.execPath,
    [join(process.cwd(), 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
    {
      stdio: 'inherit',
    },
  );
  if (!existsSync(DIST_STORE)) throw new Error(`building dist/ did not produce ${DIST_STORE}`);
}, 120_000);
afterAll(() => db.cleanup());

const CHILD = `
import { openStore } from ${JSON.stringify(pathToFileURL(DIST_STORE).href)};
const [file] = process.argv.slice(2);
const store = await openStore({ kind: 'sqlite', file });
const hex = (i) => i.toString(16).padStart(64, '0');
for (let i = 1; ; i++) {
  await store.putBlock({ id: hex(i), height: i, parent_id: hex(i - 1), json: JSON.stringify({ i }), txs: [{ id: hex(1e6 + i), type: 't', author: hex(7), index: 0 }] });
  await store.recordSigning({ validator: hex(9), height: i, block_id: hex(i), verdict: 'approve', json: '{}' });
  process.stdout.write('ack ' + i + '\\n');
}
`;

describe('crash safety (SQLite)', () => {
  it('keeps every acknowledged write after SIGKILL', async () => {
    if (db.loc.kind !== 'sqlite') throw new Error('unreachable');
    const dir = join(db.loc.file, '..');
    writeFileSync(join(dir, 'child.mjs'), CHILD);
    const child = spawn(process.execPath, [join(dir, 'child.mjs'), db.loc.file], { cwd: process.cwd() });
    let acked = 0;
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        for (const m of d.toString().matchAll(/ack (\d+)/g)) acked = Math.max(acked, Number(m[1]));
        if (acked >= 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => (acked >= 40 ? resolve() : reject(new Error(`child exited early: ${err}`))));
    });
    await new Promise((r) => child.on('close', r));
    const store = await db.open();
    const blocks = await store.allBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(acked);
    for (let i = 1; i <= acked; i++) {
      const id = i.toString(16).padStart(64, '0');
      expect(blocks[i - 1]?.id).toBe(id);
      expect(blocks[i - 1]?.txs.length).toBe(1);
      expect((await store.signingsAt('9'.padStart(64, '0'), i)).length).toBe(1);
    }
    await store.close();
  });
});
