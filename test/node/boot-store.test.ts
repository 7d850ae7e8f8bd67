/**
 * Booting a node whose database cannot be opened: the failure carries the store's own code
 * (`STORE_UNAVAILABLE`), not the genesis's, and names the database; nothing is left open.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noteRegistry } from '../../src/cli/node-registry.js';
import { ed25519Native } from '../../src/crypto/node/ed25519-native.js';
import { systemRng } from '../../src/crypto/rng.js';
import { bootNode } from '../../src/node/boot.js';
import { silentLogger } from '../../src/node/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pnyx-boot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deps = {
  registry: noteRegistry,
  ed: ed25519Native,
  rng: systemRng,
  logger: silentLogger,
  now: Date.now,
  connect: () => {
    throw new Error('no peers in this test');
  },
};

describe('bootNode: the database', () => {
  it('a SQLite file that cannot be created is STORE_UNAVAILABLE, not GENESIS_INVALID', async () => {
    // The database's folder is a regular file: SQLite cannot create the database there.
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const r = await bootNode(
      { name: 'n1', roles: ['observer'], dataDir: dir, peers: [], db: join(dir, 'not-a-folder', 'n1.db') },
      deps,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('STORE_UNAVAILABLE');
    expect(r.message).toMatch(/cannot open the database/);
  });

  it('a file that is not a database is a store code too', async () => {
    const file = join(dir, 'garbage.db');
    writeFileSync(file, 'this is not an SQLite database, only text long enough to have a header page');
    const r = await bootNode({ name: 'n2', roles: ['observer'], dataDir: dir, peers: [], db: file }, deps);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(['STORE_UNAVAILABLE', 'STORE_MIGRATION_FAILED']).toContain(r.code);
    expect(r.message).toMatch(/database/);
  });
});
