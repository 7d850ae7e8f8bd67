/** The secrets file: private, atomic, strict, bound to its election, and locked against a second process. */
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/crypto/encoding/canonical-json.js';
import type { Group } from '../../../src/crypto/group/group.js';
import { nobleRistretto } from '../../../src/crypto/group/ristretto/noble.js';
import {
  type StoredTrustee,
  storedFromJson,
  storedToJson,
} from '../../../src/node/roles/trustee/secrets-codec.js';
import { SecretsFile } from '../../../src/node/roles/trustee/secrets-file.js';
import { initThreshold, thresholdKeys } from '../../../src/node/roles/trustee/threshold-plan.js';
import type { ElectionView } from '../../../src/node/roles/trustee/view.js';
import { seededRng } from '../../support/rng.js';
import { definition, tempDir } from './fixture.js';

const G = nobleRistretto() as Group<unknown>;
const FP = 'ab'.repeat(32);
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function dir(): string {
  const d = tempDir();
  cleanup.push(d.remove);
  return join(d.dir, 'trustee');
}

function view(): ElectionView {
  const def = definition('elgamal-ristretto255', 3, 2);
  return {
    id: def.id,
    fingerprint: FP,
    chain: 'cd'.repeat(32),
    scheme: def.scheme,
    trustees: def.trustees,
    ctx: { fingerprint: FP },
    ceremony: [],
    decryption: [],
    now: 0,
  };
}

const threshold = (): StoredTrustee => initThreshold(G, view(), 2, seededRng('secrets'));
const product: StoredTrustee = {
  kind: 'product',
  election: 'e',
  fingerprint: FP,
  trustee: 1,
  secretKey: 12345678901234567890n,
  key: { trustee: 1 },
  published: { trustee_key: { trustee: 1 } },
};
const paillierStored: StoredTrustee = {
  kind: 'paillier',
  election: 'e',
  fingerprint: FP,
  trustee: 1,
  secretKey: { p: 11n, q: 13n },
  published: {},
};

describe('secrets codec', () => {
  it('round-trips every kind', () => {
    for (const s of [threshold(), { ...threshold(), share: 42n }, product, paillierStored]) {
      const back = storedFromJson(storedToJson(s));
      expect(back.ok && canonicalJson(storedToJson(back.value))).toBe(canonicalJson(storedToJson(s)));
    }
  });

  it('refuses every damaged field', () => {
    const good = storedToJson(threshold());
    const damaged = [
      { ...good, format: 'other' },
      { ...good, version: 2 },
      { ...good, fingerprint: 'AB'.repeat(32) },
      { ...good, trustee: 0 },
      { ...good, kind: 'other' },
      { ...good, share_key_secret: -1 },
      { ...good, coefficients: [] },
      { ...good, coefficients: ['1'] },
      { ...good, announcement: [] },
      { ...good, published: { trustee_shares: 3 } },
      { ...good, share: 'x' },
    ];
    for (const d of damaged) expect(storedFromJson(d).ok).toBe(false);
    expect(storedFromJson({ ...storedToJson(product), secret_key: 'x' }).ok).toBe(false);
    expect(storedFromJson({ ...storedToJson(paillierStored), secret_key: 3 }).ok).toBe(false);
  });

  it('checks that the stored announcement is made from the stored secrets', () => {
    const s = threshold();
    if (s.kind !== 'threshold') throw new Error('threshold expected');
    expect(thresholdKeys(G, s).ok).toBe(true);
    const other = initThreshold(G, view(), 2, seededRng('other'));
    if (other.kind !== 'threshold') throw new Error('threshold expected');
    expect(thresholdKeys(G, { ...s, announcement: other.announcement }).ok).toBe(false);
    const big = { ...s, secrets: { ...s.secrets, shareKeySecret: G.q } };
    expect(thresholdKeys(G, big)).toMatchObject({ ok: false, code: 'KEY_INVALID' });
  });
});

describe('secrets file', () => {
  it('saves atomically with owner-only modes and loads back; absent means undefined', () => {
    const f = new SecretsFile(dir());
    expect(f.load(FP)).toEqual({ ok: true, value: undefined });
    f.save(product);
    f.save({ ...product, trustee: 1, published: {} });
    expect(statSync(f.dir).mode & 0o777).toBe(0o700);
    expect(statSync(f.path(FP)).mode & 0o777).toBe(0o600);
    expect(readdirSync(f.dir)).toEqual([`${FP}.json`]); // no temporary file left behind
    const back = f.load(FP);
    expect(back.ok && back.value?.published).toEqual({});
    expect(f.list()).toEqual([FP]);
  });

  it('refuses a file others can read, garbage, and another election’s record', () => {
    const f = new SecretsFile(dir());
    f.save(product);
    chmodSync(f.path(FP), 0o640);
    expect(f.load(FP)).toMatchObject({ ok: false, code: 'KEY_INVALID' });
    writeFileSync(f.path(FP), 'not json', { mode: 0o600 });
    chmodSync(f.path(FP), 0o600);
    expect(f.load(FP)).toMatchObject({ ok: false, code: 'ENCODING_INVALID' });
    const other = 'ef'.repeat(32);
    writeFileSync(f.path(other), canonicalJson(storedToJson(product)), { mode: 0o600 });
    expect(f.load(other)).toMatchObject({ ok: false, code: 'KEY_INVALID' });
    expect(() => f.path('../escape')).toThrow();
  });

  it('lets one process act on an election at a time; a stale lock is taken over', async () => {
    const f = new SecretsFile(dir());
    let inner: unknown;
    const outer = await f.withLock(FP, async () => {
      inner = await f.withLock(FP, async () => 'second');
      return 'first';
    });
    expect(outer).toEqual({ ok: true, value: 'first' });
    expect(inner).toMatchObject({ ok: false, code: 'PARAMETER_INVALID' });
    writeFileSync(join(f.dir, `${FP}.lock`), '999999999');
    expect(await f.withLock(FP, async () => 'taken')).toEqual({ ok: true, value: 'taken' });
    expect(readdirSync(f.dir)).toEqual([]);
  });
});
