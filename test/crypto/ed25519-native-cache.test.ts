import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/encoding/hash.js';
import { ed25519Native } from '../../src/crypto/node/ed25519-native.js';
import { ed25519Pure } from '../../src/crypto/sig/ed25519.js';

describe('ed25519Native key caches', () => {
  it('signs with the bytes the seed array holds now, even after it was changed in place', () => {
    const seed = sha256('seed one');
    const msg = new TextEncoder().encode('message');
    const first = ed25519Native.sign(seed, msg);
    expect(first).toEqual(ed25519Pure.sign(sha256('seed one'), msg));
    expect(ed25519Native.sign(seed, msg)).toEqual(first); // cached import
    seed.set(sha256('seed two'));
    const second = ed25519Native.sign(seed, msg);
    expect(second).toEqual(ed25519Pure.sign(sha256('seed two'), msg));
    expect(second).not.toEqual(first);
    expect(ed25519Native.verify(ed25519Pure.publicKeyFromSecret(seed), msg, second)).toBe(true);
  });

  it('a cached public key never verifies a signature made by another key', () => {
    const a = sha256('a');
    const b = sha256('b');
    const msg = new TextEncoder().encode('m');
    const pa = ed25519Native.publicKeyFromSecret(a);
    expect(ed25519Native.verify(pa, msg, ed25519Native.sign(a, msg))).toBe(true);
    expect(ed25519Native.verify(pa, msg, ed25519Native.sign(b, msg))).toBe(false);
  });
});
