/**
 * A readable summary of an election's trustee side, as the final ledger shows it: the key ceremony's
 * phase and who did what, the tally decryption's accepted and excluded trustees (each rejected record
 * named with its code), and — for a trustee with its secrets — what it would do next.
 */
import { ciphertextFromJson } from '../../../crypto/elgamal.js';
import type { JsonObject, JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { ciphertextFromJson as paillierCtFromJson } from '../../../crypto/paillier/scheme.js';
import {
  paillierDecryptionState,
  productDecryptionKeys,
  type RecordError,
  tallyDecryptionState,
  thresholdDecryptionKeys,
} from '../../../protocol/ceremony/index.js';
import { paillierState } from './paillier-plan.js';
import { productState } from './product-plan.js';
import type { TrusteeSuite } from './suite.js';
import { decodeTally } from './tally.js';
import { thresholdState } from './threshold-plan.js';
import { ceremonyKind, type ElectionView } from './view.js';

/** One rejected record, as status shows it. */
function errorJson(e: RecordError): JsonObject {
  return {
    code: e.code,
    message: e.message,
    record: e.record,
    trustee: e.trustee,
    ...(e.id === undefined ? {} : { tx: e.id }),
  };
}

const countsJson = (c: readonly (readonly bigint[])[]): JsonValue => c.map((row) => [...row]);

/** The key ceremony as the ledger shows it. */
export function ceremonyStatus(suite: TrusteeSuite, view: ElectionView): JsonObject {
  if (suite.kind === 'paillier') {
    const s = paillierState(suite, view);
    return {
      errors: s.errors.map(errorJson),
      phase: s.phase,
      ...(s.failure === undefined ? {} : { failure: s.failure }),
      ...(s.publicKey === undefined ? {} : { modulus_bits: s.publicKey.n.toString(2).length }),
    };
  }
  if (ceremonyKind(view) === 'product') {
    const s = productState(suite.G, view);
    return {
      announced: [...s.announced],
      errors: s.errors.map(errorJson),
      phase: s.phase,
      ...(s.failure === undefined ? {} : { failure: s.failure }),
      ...(s.jointPublicKey === undefined ? {} : { public_key: suite.G.toJson(s.jointPublicKey) }),
    };
  }
  const s = thresholdState(suite.G, view);
  return {
    announced: [...s.announced],
    complained: [...s.complained],
    confirmed: [...s.confirmed],
    dealt: [...s.dealt],
    disqualified: s.disqualified.map((d) => ({ reason: d.reason, trustee: d.trustee })),
    errors: s.errors.map(errorJson),
    phase: s.phase,
    qualified: [...s.qualified],
    ...(s.failure === undefined ? {} : { failure: s.failure }),
    ...(s.jointPublicKey === undefined ? {} : { public_key: suite.G.toJson(s.jointPublicKey) }),
  };
}

/** The tally decryption as the ledger shows it (`null` before close or before the key exists). */
export function decryptionStatus(suite: TrusteeSuite, view: ElectionView): JsonValue {
  const t = view.tally;
  if (t === undefined) return null;
  if (suite.kind === 'paillier') {
    const pk = paillierState(suite, view).publicKey;
    if (pk === undefined) return null;
    const tally = decodeTally((v) => paillierCtFromJson(pk, v), t.json);
    if (!tally.ok) return { failure: tally.message };
    const d = paillierDecryptionState(suite.P, pk, 1, tally.value, view.decryption, t.ballots);
    return { errors: d.errors.map(errorJson), ...(d.counts ? { counts: countsJson(d.counts) } : {}) };
  }
  const keys =
    ceremonyKind(view) === 'product'
      ? productDecryptionKeys(productState(suite.G, view))
      : thresholdDecryptionKeys(thresholdState(suite.G, view));
  if (!keys.ok) return null;
  const tally = decodeTally((v) => ciphertextFromJson(suite.G, v), t.json);
  if (!tally.ok) return { failure: tally.message };
  const d = tallyDecryptionState(suite.G, view.fingerprint, tally.value, keys.value, view.decryption, {
    ballots: t.ballots,
  });
  return {
    accepted: [...d.accepted],
    errors: d.errors.map(errorJson),
    excluded: [...d.excluded],
    needed: d.needed,
    used: [...d.used],
    ...(d.counts ? { counts: countsJson(d.counts) } : {}),
    ...(d.failure === undefined ? {} : { failure: d.failure }),
  };
}

/** The whole status of an election (ledger side; the caller adds the trustee's own part). */
export function electionStatus(suite: TrusteeSuite, view: ElectionView): JsonObject {
  return {
    ballots: view.tally?.ballots ?? null,
    ceremony: ceremonyStatus(suite, view),
    closed: view.tally !== undefined,
    decryption: decryptionStatus(suite, view),
    election: view.id,
    fingerprint: view.fingerprint,
    k: view.trustees.k,
    n: view.trustees.n,
    scheme: view.scheme,
  };
}
