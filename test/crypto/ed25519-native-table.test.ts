/**
 * The native addon's Ed25519 verification through its per-key tables (native/ed25519.c): keys used
 * again are verified from tables of multiples of −A and of B instead of libsodium's double-scalar
 * multiplication. Every answer must be the plain path's (`ed25519VerifyPlain`, the addon's previous
 * computation), the pure TypeScript backend's and OpenSSL's where the byte policy admits the input, and
 * the equation's computed on noble's points where it does not.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { bigToBytesLE, bytesToBigLE, concatBytes, toHex } from '../../src/crypto/bytes.js';
import { sha256 } from '../../src/crypto/encoding/hash.js';
import { ed25519OpenSsl } from '../../src/crypto/node/ed25519-native.js';
import { loadSodiumAddon, sodiumAddonPath } from '../../src/crypto/node/sodium-addon.js';
import { ed25519Pure } from '../../src/crypto/sig/ed25519.js';
import { ED25519_L, ED25519_P, passesBytePolicy } from '../../src/crypto/sig/ed25519-policy.js';
import { createVerifyPool, type SignatureJob } from '../../src/node/verify-pool.js';
import { equationHolds, Point, TORSION8, torsionSigned } from './ed25519-cases.js';

type Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;
interface TableStats {
  readonly tables: number;
  readonly tableCalls: number;
  readonly builds: number;
}

const load = loadSodiumAddon();
const addon = load.ok ? load.addon : undefined;
const withTables = addon?.ed25519Verify as Verify | undefined;
const plain = addon?.ed25519VerifyPlain as Verify | undefined;
const stats = addon?.ed25519TableStats as (() => TableStats) | undefined;
if (!load.ok) console.warn(`ed25519-native-table: SKIPPED, ${load.reason}`);

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const seedOf = (i: number): Uint8Array => sha256(`table key ${i}`);
const flip = (b: Uint8Array, at: number): Uint8Array => {
  const c = Uint8Array.from(b);
  c[at]! ^= 1 << (at % 8);
  return c;
};
const withS = (sig: Uint8Array, s: bigint): Uint8Array =>
  concatBytes(sig.subarray(0, 32), bigToBytesLE(s % 2n ** 256n, 32));

/**
 * The addon's answer, asked three times (the first sighting of a new key takes the plain path, the
 * second builds its table, the third uses it); every time it must be the plain path's.
 */
function addonAnswer(pk: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  const want = plain!(pk, msg, sig);
  for (let i = 0; i < 3; i++) {
    expect(withTables!(pk, msg, sig), `pk ${toHex(pk)} sig ${toHex(sig)} call ${i}`).toBe(want);
  }
  return want;
}

/**
 * The answer of every verifier: the addon (tables and plain path) and, when the byte policy admits the
 * input, the pure backend and OpenSSL; otherwise the equation on noble's points (S below 2^255, where
 * libsodium reduces S exactly).
 */
function agreed(pk: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  const a = addonAnswer(pk, msg, sig);
  if (passesBytePolicy(pk, sig)) {
    expect(ed25519Pure.verify(pk, msg, sig), `noble on ${toHex(pk)} / ${toHex(sig)}`).toBe(a);
    expect(ed25519OpenSsl.verify(pk, msg, sig), `OpenSSL on ${toHex(pk)} / ${toHex(sig)}`).toBe(a);
  } else if (bytesToBigLE(sig.subarray(32)) < 2n ** 255n) {
    expect(equationHolds(pk, msg, sig), `the equation on ${toHex(pk)} / ${toHex(sig)}`).toBe(a);
  }
  return a;
}

/** Runs `f` and returns how many verifications it answered through a key's table. */
function tableCallsDuring(f: () => void): number {
  const before = stats!().tableCalls;
  f();
  return stats!().tableCalls - before;
}

describe.skipIf(!load.ok)('the native addon', () => {
  it('exports Ed25519 verification (it passed its self-test on both paths when it loaded)', () => {
    expect(typeof withTables).toBe('function');
    expect(typeof plain).toBe('function');
    expect(typeof stats).toBe('function');
  });
});

describe.skipIf(!withTables)('Ed25519 verification through per-key tables', () => {
  const KEYS = [0, 1, 2, 3].map((i) => {
    const seed = seedOf(i);
    return { seed, pk: ed25519OpenSsl.publicKeyFromSecret(seed) };
  });
  const MESSAGES = [new Uint8Array(0), utf8('x'), utf8('a ledger block'), new Uint8Array(1100).fill(0x5a)];

  it('builds a key table on the second sighting and answers valid signatures from it', () => {
    const before = stats!();
    for (const { seed, pk } of KEYS) {
      for (const msg of MESSAGES) expect(agreed(pk, msg, ed25519OpenSsl.sign(seed, msg))).toBe(true);
    }
    const after = stats!();
    expect(after.builds - before.builds).toBeGreaterThanOrEqual(KEYS.length);
    expect(after.tables).toBeGreaterThanOrEqual(KEYS.length);
    // Each key's later calls went through its table (the first sighting alone took the plain path).
    expect(after.tableCalls - before.tableCalls).toBeGreaterThanOrEqual(
      KEYS.length * (3 * MESSAGES.length - 1),
    );
  });

  it('refuses every one-bit corruption of the signature, the message and the key, as the others do', () => {
    for (const { seed, pk } of KEYS) {
      const msg = utf8(`corrupt me ${toHex(pk).slice(0, 8)} — forty bytes or so`);
      const sig = ed25519OpenSsl.sign(seed, msg);
      const calls = tableCallsDuring(() => {
        expect(agreed(pk, msg, sig)).toBe(true);
        for (let i = 0; i < 64; i++) expect(agreed(pk, msg, flip(sig, i))).toBe(false);
        for (let i = 0; i < msg.length; i++) expect(agreed(pk, flip(msg, i), sig)).toBe(false);
      });
      expect(calls).toBeGreaterThan(3 * (32 + msg.length)); // all but S ≥ L through the table
      // A corrupted key is a new key: it gets its own table if it decodes, and must not verify.
      for (let i = 0; i < 32; i++) expect(agreed(flip(pk, i), msg, sig)).toBe(false);
    }
  });

  it('agrees on R and A with torsion components (accepted exactly when the torsion parts cancel)', () => {
    const seen = { accepted: 0, rejected: 0 };
    const calls = tableCallsDuring(() => {
      for (let ta = 0; ta < 8; ta++) {
        // One key per torsion shift, used for 16 messages so that it has a table.
        for (let i = 0; i < 16; i++) {
          const msg = utf8(`torsion ${ta} ${i}`);
          const { publicKey, signature } = torsionSigned(seedOf(100), msg, (i * 3) % 8, ta);
          if (agreed(publicKey, msg, signature)) seen.accepted++;
          else seen.rejected++;
        }
      }
    });
    expect(seen.accepted).toBeGreaterThan(16);
    expect(seen.rejected).toBeGreaterThan(16);
    expect(calls).toBeGreaterThan(8 * 16 * 2);
  });

  it('answers S ≥ L as the plain path does (true for S + L below 2^255: the policy refuses it first)', () => {
    const { seed, pk } = KEYS[0]!;
    const msg = utf8('malleable');
    const sig = ed25519OpenSsl.sign(seed, msg);
    expect(agreed(pk, msg, sig)).toBe(true);
    const s = bytesToBigLE(sig.subarray(32));
    // Below 2^255 libsodium reduces S exactly, so the equation with S mod L is the reference.
    for (const big of [s + ED25519_L, s + 2n * ED25519_L, s + 6n * ED25519_L, 2n ** 255n - 1n]) {
      expect(agreed(pk, msg, withS(sig, big))).toBe(equationHolds(pk, msg, withS(sig, big)));
    }
    expect(agreed(pk, msg, withS(sig, s + ED25519_L))).toBe(true);
    // S + j·L: true below 2^255; from 2^255 on, libsodium's recoding can drop a carry (then false).
    for (let j = 1n; s + j * ED25519_L < 2n ** 256n; j++) {
      const answer = agreed(pk, msg, withS(sig, s + j * ED25519_L));
      if (s + j * ED25519_L < 2n ** 255n) expect(answer).toBe(true);
    }
    // From 2^255 on, only the plain path is the reference.
    for (const big of [ED25519_L, 2n ** 253n, 2n ** 255n + s, s + 8n * ED25519_L, 2n ** 256n - 1n]) {
      agreed(pk, msg, withS(sig, big));
    }
    expect(ed25519OpenSsl.verify(pk, msg, withS(sig, s + ED25519_L))).toBe(false);
  });

  it('answers small-order and non-canonical keys and R as the plain path and the equation do', () => {
    const msg = utf8('small order');
    const identity = Point.ZERO.toBytes();
    const zeroS = new Uint8Array(32);
    let accepted = 0;
    for (let i = 0; i < 8; i++) {
      const t = TORSION8.multiply(BigInt(i) || 8n).toBytes();
      const otherSign = flip(t, 31); // the sign bit, bit 7 of byte 31
      for (const a of [t, otherSign]) {
        for (const r of [identity, t]) {
          if (agreed(a, msg, concatBytes(r, zeroS))) accepted++;
        }
      }
    }
    // y ≥ p: the identity written as y = p + 1, and the other non-canonical values up to 2^255 − 1.
    for (let y = ED25519_P; y < 2n ** 255n; y++) {
      for (const sign of [0, 0x80]) {
        const a = bigToBytesLE(y, 32);
        a[31]! |= sign;
        if (agreed(a, msg, concatBytes(identity, zeroS))) accepted++;
      }
    }
    expect(agreed(bigToBytesLE(2n, 32), msg, concatBytes(identity, zeroS))).toBe(false); // not on the curve
    expect(accepted).toBeGreaterThan(0); // A = R = identity, S = 0 satisfies the bare equation
  });

  it('stays right when more keys than the cache holds take turns (least recently used replaced)', () => {
    const keys = Array.from({ length: 40 }, (_, i) => {
      const seed = seedOf(200 + i);
      const msg = utf8(`rotation ${i}`);
      return { pk: ed25519OpenSsl.publicKeyFromSecret(seed), msg, sig: ed25519OpenSsl.sign(seed, msg) };
    });
    const before = stats!();
    for (let round = 0; round < 4; round++) {
      for (const k of keys) {
        expect(withTables!(k.pk, k.msg, k.sig)).toBe(true);
        expect(withTables!(k.pk, k.msg, flip(k.sig, round))).toBe(false);
      }
    }
    const after = stats!();
    expect(after.tables).toBeLessThanOrEqual(32);
    expect(after.builds - before.builds).toBeGreaterThan(40);
  });
});

/** Jobs for the threads: four keys used many times, every fifth signature corrupted. */
function threadJobs(): { jobs: SignatureJob[]; expected: boolean[] } {
  const jobs: SignatureJob[] = [];
  for (let i = 0; i < 120; i++) {
    const seed = seedOf(300 + (i % 4));
    const message = utf8(`job ${i}`);
    const good = ed25519OpenSsl.sign(seed, message);
    const signature = i % 5 === 4 ? flip(good, (i * 7) % 64) : good;
    jobs.push({ publicKey: ed25519OpenSsl.publicKeyFromSecret(seed), message, signature });
  }
  return { jobs, expected: jobs.map((j) => ed25519Pure.verify(j.publicKey, j.message, j.signature)) };
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const addon = require(workerData.addon);
const out = workerData.jobs.map((j) => addon.ed25519Verify(j.publicKey, j.message, j.signature));
parentPort.postMessage({ out, stats: addon.ed25519TableStats() });
`;

describe.skipIf(!withTables)('Ed25519 tables in worker threads', () => {
  it('the verify pool answers right from several threads at once', async () => {
    const { jobs, expected } = threadJobs();
    expect(expected.filter((e) => !e).length).toBe(24);
    const pool = createVerifyPool(3);
    try {
      const reversed = [...jobs].reverse();
      const [a, b, c] = await Promise.all([pool.verify(jobs), pool.verify(reversed), pool.verify(jobs)]);
      expect(a).toEqual(expected);
      expect(b).toEqual([...expected].reverse());
      expect(c).toEqual(expected);
    } finally {
      await pool.close();
    }
  });

  it('each thread keeps its own tables, built and used while the others run', async () => {
    const { jobs, expected } = threadJobs();
    const mainBefore = stats!();
    const results = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<{ out: boolean[]; stats: TableStats }>((resolve, reject) => {
            const w = new Worker(WORKER_SOURCE, {
              eval: true,
              workerData: { addon: sodiumAddonPath(), jobs },
            });
            w.once('message', (m: { out: boolean[]; stats: TableStats }) => {
              resolve(m);
              void w.terminate();
            });
            w.once('error', reject);
          }),
      ),
    );
    // S ≥ L never reaches the cache; of the others, all but each key's first sighting use a table.
    const belowL = jobs.filter((j) => bytesToBigLE(j.signature.subarray(32)) < ED25519_L).length;
    for (const r of results) {
      expect(r.out).toEqual(expected);
      expect(r.stats.tables).toBe(4);
      expect(r.stats.builds).toBe(4);
      expect(r.stats.tableCalls).toBe(belowL - 4);
    }
    expect(stats!()).toEqual(mainBefore); // the main thread's cache is untouched
  });
});
