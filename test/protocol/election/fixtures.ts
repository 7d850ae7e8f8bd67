/** Shared keys and election definitions for the election-record tests. */
import { toHex } from '../../../src/crypto/bytes.js';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import { unwrap } from '../../../src/crypto/result.js';
import { ed25519Pure, generateSigningKey } from '../../../src/crypto/sig/ed25519.js';
import { buildElection, type ElectionInput } from '../../../src/protocol/election/build.js';
import type { ElectionDefinition } from '../../../src/protocol/election/definition.js';
import { rollCommitment, rollEntryCommitment } from '../../../src/protocol/election/roll.js';
import { electionToJson } from '../../../src/protocol/election/write.js';
import { seededRng } from '../../support/rng.js';
import { MANIFEST } from '../fixtures.js';

/** The Ed25519 backend of these tests. */
export const ed = ed25519Pure;

/** A named signing key pair with its hex public key. */
export interface KeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: string;
}

/** A deterministic key pair named `name`. */
export function keyPair(name: string): KeyPair {
  const k = generateSigningKey(ed, seededRng(`key/${name}`));
  return { secretKey: k.secretKey, publicKey: toHex(k.publicKey) };
}

/** Ballot boxes, validators, trustees and the registrar of the test election. */
export const BOXES = ['box-a', 'box-b', 'box-c'].map((id) => ({ id, ...keyPair(id) }));
export const VALIDATORS = ['v1', 'v2', 'v3'].map(keyPair);
export const TRUSTEES = ['alice', 'bob', 'carol'].map((name) => ({ name, ...keyPair(name) }));
export const REGISTRAR = keyPair('registrar');

/** The roll: five logins with salts. */
export const ROLL = ['ana', 'ben', 'cleo', 'dan', 'eli'].map((login, i) => ({
  login,
  salt: `${i}`.repeat(64),
}));

/** The registrar's input for the test election. */
export const INPUT: ElectionInput = {
  id: 'assembly-2026',
  manifest: MANIFEST,
  schedule: { opens_at: 1_800_000_000_000, closes_at: 1_800_000_360_000 },
  boxes: BOXES.map((b) => ({ id: b.id, key: b.publicKey, url: `https://${b.id}.example.org:8443/` })),
  validators: VALIDATORS.map((v) => v.publicKey),
  trustees: {
    n: 3,
    k: 2,
    members: TRUSTEES.map((t, i) => ({ index: i + 1, name: t.name, key: t.publicKey })),
  },
  registrar: REGISTRAR.publicKey,
  roll: unwrap(rollCommitment(ROLL.map((r) => rollEntryCommitment(r.login, r.salt)))),
};

/** The test election (identity keys, revote once, ristretto255). */
export const ELECTION: ElectionDefinition = unwrap(buildElection(INPUT));

/** The test election's JSON. */
export function electionJson(): JsonObject {
  return electionToJson(ELECTION);
}
