/** Deterministic Paillier keys and helpers shared by the Paillier tests. */
import { utf8 } from '../../src/crypto/bytes.js';
import { bigintEngine } from '../../src/crypto/modarith.js';
import { opensslEngine } from '../../src/crypto/node/openssl-modpow.js';
import { generatePaillierKey, type PaillierSecretKey } from '../../src/crypto/paillier/keys.js';
import { purePrimeGenerator } from '../../src/crypto/paillier/primes.js';
import { paillier } from '../../src/crypto/paillier/scheme.js';
import { seededRng } from './group-compliance.js';

/** Paillier on OpenSSL and on BigInt. */
export const P_OPENSSL = paillier(opensslEngine());
export const P_BIGINT = paillier(bigintEngine);

const keys = new Map<number, PaillierSecretKey>();
/** A deterministic key of `bits` bits (pure Miller–Rabin on a seeded rng), cached. */
export function testKey(bits: number): PaillierSecretKey {
  let sk = keys.get(bits);
  if (sk === undefined) {
    sk = generatePaillierKey(purePrimeGenerator(seededRng(utf8(`paillier test key ${bits}`))), bits);
    keys.set(bits, sk);
  }
  return sk;
}

/** A deterministic rng for a test. */
export function rngFor(label: string) {
  return seededRng(utf8(label));
}
