/** Opening a database that cannot be reached: a stable code and one sentence without the password. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openStore } from '../../src/store/kysely-store.js';
import { describePostgres, StoreOpenError } from '../../src/store/open.js';

// Port 1 on the loopback interface: nothing listens there, the connection is refused at once.
const REFUSED = 'postgres://pnyx:s3cret@127.0.0.1:1/pnyx';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('opening a store', () => {
  it('names an unreachable PostgreSQL server with STORE_UNAVAILABLE, without the password', async () => {
    const e = await openStore({ kind: 'postgres', url: REFUSED }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreOpenError);
    const err = e as StoreOpenError;
    expect(err.code).toBe('STORE_UNAVAILABLE');
    expect(err.message).toContain('pnyx@127.0.0.1:1/pnyx');
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).not.toContain('s3cret');
    expect(describePostgres('postgresql://h/db')).toBe('h:5432/db');
  });

  it('names a SQLite file that cannot be opened with STORE_UNAVAILABLE', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pnyx-open-'));
    const notDir = join(dir, 'file');
    writeFileSync(notDir, 'x');
    const e = await openStore({ kind: 'sqlite', file: join(notDir, 'n.db') }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreOpenError);
    expect((e as StoreOpenError).code).toBe('STORE_UNAVAILABLE');
  });

  it('`pnyx node --db` with an unreachable server prints one error line and exits with 3', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pnyx-open-'));
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      lines.push(String(s));
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await main([
      'node',
      'pnyx',
      'node',
      '--name',
      'a',
      '--roles',
      'observer',
      '--ledger',
      'notes',
      '--data-dir',
      dir,
      '--port',
      '47999',
      '--log-level',
      'silent',
      '--db',
      REFUSED,
    ]);
    expect(process.exitCode).toBe(3);
    const text = lines.join('');
    expect(text).toMatch(/^error: STORE_UNAVAILABLE: cannot connect to the PostgreSQL database [^\n]+\n$/);
    expect(text).not.toContain('s3cret');
  });
});
