/**
 * The Paillier key holder (seed 001's verification server): it generates its key once (primes from the
 * suite's generator, OpenSSL in a node), stores it, posts `paillier_key` with the proof that the key is
 * well formed, and after close posts the tally decryption — every count with the randomness that opens
 * its ciphertext, which anyone checks.
 */
import type { JsonObject } from '../../../crypto/encoding/canonical-json.js';
import {
  generatePaillierKey,
  PAILLIER_MIN_BITS,
  type PaillierSecretKey,
  secretKeyFromJson,
  secretKeyToJson,
} from '../../../crypto/paillier/keys.js';
import { ciphertextFromJson } from '../../../crypto/paillier/scheme.js';
import type { Result } from '../../../crypto/result.js';
import {
  checkPaillierDecryption,
  decryptPaillierTally,
  type PaillierKeyState,
  paillierDecryptionFromJson,
  paillierDecryptionState,
  paillierDecryptionToJson,
  paillierKeyBody,
  paillierKeyState,
  RECORD_TYPES,
} from '../../../protocol/ceremony/index.js';
import { corruptPaillierDecryption, type TrusteeFaults } from './faults.js';
import { dropInvalid, idle, type Plan, publish } from './plan.js';
import type { StoredPaillier } from './secrets-codec.js';
import type { PaillierSuite } from './suite.js';
import { decodeTally } from './tally.js';
import type { ElectionView } from './view.js';

/** A fresh key for holder `l` (to store before publishing anything). */
export function initPaillier(suite: PaillierSuite, view: ElectionView, l: number): StoredPaillier {
  const sk = generatePaillierKey(suite.generatePrime, suite.bits);
  return {
    kind: 'paillier',
    election: view.id,
    fingerprint: view.fingerprint,
    trustee: l,
    secretKey: secretKeyToJson(sk),
    published: {},
  };
}

/** The stored secret key, checked. */
export function paillierSecret(suite: PaillierSuite, s: StoredPaillier): Result<PaillierSecretKey> {
  return secretKeyFromJson(s.secretKey, suite.minBits ?? PAILLIER_MIN_BITS);
}

/** The ledger's Paillier key state for the election (holder: its single trustee). */
export function paillierState(suite: PaillierSuite, view: ElectionView): PaillierKeyState {
  const params = {
    holder: 1,
    minBits: suite.minBits ?? PAILLIER_MIN_BITS,
    ...(view.deadline === undefined ? {} : { deadline: view.deadline }),
  };
  return paillierKeyState(suite.P, view.ctx, params, view.ceremony, view.now);
}

/** The key record, until the ledger holds this holder's key. */
export function planPaillierKey(suite: PaillierSuite, view: ElectionView, stored: StoredPaillier): Plan {
  const sk = paillierSecret(suite, stored);
  if (!sk.ok) return idle('failed', `stored Paillier key: ${sk.message}`);
  const state = paillierState(suite, view);
  if (state.phase === 'failed') return idle('failed', state.failure ?? 'the Paillier key ceremony failed');
  if (state.phase === 'done')
    return state.publicKey?.n === sk.value.publicKey.n
      ? idle('done', 'the Paillier key is on the ledger')
      : idle('failed', 'the Paillier key on the ledger is not the stored one');
  return publish(stored, RECORD_TYPES.paillierKey, () =>
    paillierKeyBody(suite.P, sk.value, view.ctx, stored.trustee),
  );
}

/** The tally decryption, once the election has closed and until the ledger holds a valid one. */
export function planPaillierDecryption(
  suite: PaillierSuite,
  view: ElectionView,
  stored: StoredPaillier,
  faults: TrusteeFaults = {},
): Plan {
  if (view.tally === undefined) return idle('wait', 'the election has not closed yet');
  const sk = paillierSecret(suite, stored);
  if (!sk.ok) return idle('failed', `stored Paillier key: ${sk.message}`);
  const state = paillierState(suite, view);
  const pk = state.publicKey;
  if (pk === undefined || pk.n !== sk.value.publicKey.n)
    return idle('failed', 'the ledger holds no Paillier key of this holder');
  const tally = decodeTally((v) => ciphertextFromJson(pk, v), view.tally.json);
  if (!tally.ok) return idle('failed', `the ledger's tally does not decode: ${tally.message}`);
  const h = stored.trustee;
  const { ballots } = view.tally;
  const dec = paillierDecryptionState(suite.P, pk, h, tally.value, view.decryption, ballots);
  if (dec.counts !== undefined) return idle('done', 'the tally decryption is accepted');
  const type = RECORD_TYPES.paillierDecryption;
  // A decided body that does not open the tally (a deliberately wrong one, kept from a faulty run) is
  // dropped and made again, unless the fault is still on: nobody else can decrypt, so the holder may
  // post again.
  const opens = (body: JsonObject): boolean => {
    const b = paillierDecryptionFromJson(body);
    return b.ok && checkPaillierDecryption(suite.P, pk, tally.value, b.value, ballots).ok;
  };
  const base = dropInvalid(stored, type, opens, faults.wrongPartial);
  return publish(base, type, () => {
    const body = decryptPaillierTally(suite.P, sk.value, h, tally.value);
    return paillierDecryptionToJson(faults.wrongPartial ? corruptPaillierDecryption(body) : body);
  });
}
