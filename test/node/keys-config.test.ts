/** Identity key files and node configuration checks. */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { systemRng } from '../../src/crypto/rng.js';
import { checkConfig, keyFilePath, parseRoles, storeLocation } from '../../src/node/config.js';
import { loadOrCreateIdentity, readIdentity } from '../../src/node/keys.js';
import { ed } from './helpers.js';

const dir = mkdtempSync(join(process.cwd(), '.pnyx-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('identity keys', () => {
  it('are created once with mode 0600 and read back identically', () => {
    const file = join(dir, 'keys', 'n1.key');
    const a = loadOrCreateIdentity(file, ed, systemRng);
    if (!a.ok) throw new Error(a.message);
    expect(a.value.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = loadOrCreateIdentity(file, ed, systemRng);
    if (!b.ok) throw new Error(b.message);
    expect(b.value.created).toBe(false);
    expect(b.value.identity.publicKey).toBe(a.value.identity.publicKey);
    expect(b.value.identity.secretKey).toEqual(a.value.identity.secretKey);
  });

  it('never show the secret in JSON, spreads or inspection', () => {
    const file = join(dir, 'n2.key');
    const r = loadOrCreateIdentity(file, ed, systemRng);
    if (!r.ok) throw new Error(r.message);
    const { identity } = r.value;
    const secretHex = Buffer.from(identity.secretKey).toString('hex');
    expect(readFileSync(file, 'utf8')).toContain(secretHex);
    for (const shown of [JSON.stringify(identity), JSON.stringify({ ...identity }), inspect(identity)])
      expect(shown).not.toContain(secretHex);
    expect(inspect(identity)).toContain(identity.publicKey);
  });

  it('refuse a file readable by others, a wrong public key and garbage', () => {
    const file = join(dir, 'n3.key');
    const r = loadOrCreateIdentity(file, ed, systemRng);
    if (!r.ok) throw new Error(r.message);
    chmodSync(file, 0o644);
    const open = readIdentity(file, ed);
    expect(open.ok ? 'read' : open.code).toBe('KEY_INVALID');
    chmodSync(file, 0o600);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/"public":"[0-9a-f]{64}"/, `"public":"${'ab'.repeat(32)}"`), {
      mode: 0o600,
    });
    const wrong = readIdentity(file, ed);
    expect(wrong.ok ? 'read' : wrong.code).toBe('KEY_INVALID');
    writeFileSync(file, 'not json', { mode: 0o600 });
    const bad = readIdentity(file, ed);
    expect(bad.ok ? 'read' : bad.code).toBe('ENCODING_INVALID');
  });
});

describe('node configuration', () => {
  const base = {
    name: 'n1',
    roles: parseRoles('miner').ok ? ['miner' as const] : [],
    dataDir: dir,
    peers: [],
  };
  it('parses roles, always adding observer, and refuses unknown ones', () => {
    const r = parseRoles('miner, validator');
    expect(r.ok && [...r.value].sort()).toEqual(['miner', 'observer', 'validator']);
    const bad = parseRoles('miner,king');
    expect(bad.ok ? 'parsed' : bad.message).toMatch(/unknown role "king"/);
  });
  it('checks names, peers and proxies, and derives file locations', () => {
    expect(checkConfig({ ...base, name: '../x' }).ok).toBe(false);
    expect(checkConfig({ ...base, peers: ['ftp://x'] }).ok).toBe(false);
    expect(checkConfig({ ...base, peers: ['http://u:p@x'] }).ok).toBe(false);
    expect(checkConfig({ ...base, proxy: 'http://127.0.0.1:9050' }).ok).toBe(false);
    const c = checkConfig({ ...base, peers: ['http://127.0.0.1:8080/'], proxy: 'socks5h://127.0.0.1:9050' });
    expect(c.ok && c.value.peers).toEqual(['http://127.0.0.1:8080']);
    expect(keyFilePath(base)).toBe(join(dir, 'n1.key'));
    expect(storeLocation(base)).toEqual({ kind: 'sqlite', file: join(dir, 'n1.db') });
    expect(storeLocation({ ...base, db: 'postgres://h/db' })).toEqual({
      kind: 'postgres',
      url: 'postgres://h/db',
    });
  });
});
