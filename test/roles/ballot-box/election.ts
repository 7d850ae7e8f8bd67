/** The test election of the ballot-box tests: keys, definitions (revote once / last), voters, casts. */
import { toHex } from '../../../src/crypto/bytes.js';
import { decryptToElement } from '../../../src/crypto/elgamal.js';
import type { JsonObject, JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import type { Group } from '../../../src/crypto/group/group.js';
import { ed25519Native } from '../../../src/crypto/node/ed25519-native.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { unwrap } from '../../../src/crypto/result.js';
import { generateSigningKey } from '../../../src/crypto/sig/ed25519.js';
import { signJson } from '../../../src/crypto/sig/signed-json.js';
import { eligibilityView } from '../../../src/node/roles/ballot-box/eligibility.js';
import type { AuditBody, CastBody } from '../../../src/node/roles/ballot-box/routes.js';
import { createAudit } from '../../../src/protocol/cast/audit.js';
import { CAST_DOMAIN, type CastBallot, castPayload, castToJson } from '../../../src/protocol/cast/cast.js';
import { type CastContext, castContext } from '../../../src/protocol/cast/context.js';
import { type CreatedCast, createCast } from '../../../src/protocol/cast/create.js';
import { buildElection } from '../../../src/protocol/election/build.js';
import type { ElectionDefinition, RevotePolicy } from '../../../src/protocol/election/definition.js';
import { electionFingerprint } from '../../../src/protocol/election/fingerprint.js';
import { elgamalScheme } from '../../../src/protocol/elgamal-scheme.js';
import { identityKeysChecker } from '../../../src/protocol/eligibility/identity-keys.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import { type Manifest, readManifest } from '../../../src/protocol/manifest.js';
import type { Plaintext } from '../../../src/protocol/selections.js';
import { seededRng } from '../../support/rng.js';

/** Ed25519 and ristretto255 on the fast backends. */
export const ed = ed25519Native;
export const G: Group<Uint8Array> = await loadFastRistretto();
export const rng = seededRng('ballot-box');

/** A named key pair. */
export interface KeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: string;
}

/** A deterministic key pair named `name`. */
export function keyPair(name: string): KeyPair {
  const k = generateSigningKey(ed, seededRng(`box-test/${name}`));
  return { secretKey: k.secretKey, publicKey: toHex(k.publicKey) };
}

export const BOX_A = keyPair('box-a');
export const BOX_B = keyPair('box-b');
export const REGISTRAR = keyPair('registrar');

/** A 1-of-5 question and a yes/no question. */
export const MANIFEST: Manifest = unwrap(
  readManifest({
    title: 'Ballot-box test',
    questions: [
      {
        id: 'chair',
        text: 'Who chairs?',
        kind: 'one-of-n',
        min: 1,
        max: 1,
        options: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: id })),
      },
      {
        id: 'budget',
        text: 'Approve?',
        kind: 'yes-no',
        min: 1,
        max: 1,
        options: [
          { id: 'yes', text: 'Yes' },
          { id: 'no', text: 'No' },
        ],
      },
    ],
  }),
);

/** The voting window. */
export const OPENS = 1_800_000_000_000;
export const CLOSES = OPENS + 3_600_000;

/** The election, with revote policy `revote`. */
export function election(revote: RevotePolicy): ElectionDefinition {
  return unwrap(
    buildElection({
      id: `box-test-${revote}`,
      manifest: MANIFEST,
      schedule: { opens_at: OPENS, closes_at: CLOSES },
      boxes: [
        { id: 'box-a', key: BOX_A.publicKey, url: 'http://127.0.0.1:1/' },
        { id: 'box-b', key: BOX_B.publicKey, url: 'http://127.0.0.1:2/' },
      ],
      validators: [keyPair('v1').publicKey],
      trustees: { n: 1, k: 1, members: [{ index: 1, name: 't', key: keyPair('t').publicKey }] },
      registrar: REGISTRAR.publicKey,
      roll: { count: 100, hash: '00'.repeat(32) },
      revote,
    }),
  );
}

/** The election secret key and its public key's JSON. */
export const SK = G.randomScalar(rng);
export const KEY_JSON: JsonValue = G.toJson(G.expG(SK));

/** Voters: v1–v4 assigned to both boxes, v5 to box-b only, v6 never registered. */
export const VOTERS = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'].map(keyPair);

/** The registrar's `voter_keys` record for `def`. */
export function voterKeys(def: ElectionDefinition): JsonObject {
  const fp = electionFingerprint(def);
  const both = ['box-a', 'box-b'];
  return voterKeysToJson(
    createVoterKeys(ed, REGISTRAR.secretKey, fp, [
      ...VOTERS.slice(0, 4).map((v) => ({ key: v.publicKey, boxes: both })),
      { key: VOTERS[4]!.publicKey, boxes: ['box-b'] },
    ]),
  );
}

/** The eligibility view of `def` after its `voter_keys` record. */
export function eligibilityOf(def: ElectionDefinition) {
  const checker = identityKeysChecker(ed, def);
  const state = unwrap(checker.apply(checker.initial(), 'voter_keys', voterKeys(def)));
  return eligibilityView(checker, () => state);
}

/** The cast context of `def`. */
export function contextOf(def: ElectionDefinition): CastContext<unknown> {
  return castContext(def, elgamalScheme(G, G.expG(SK)), ed) as CastContext<unknown>;
}

/** A plaintext: option `chair` of the first question, yes or no. */
export function vote(chair: number, yes: boolean): Plaintext {
  return [[0, 1, 2, 3, 4].map((i) => (i === chair ? 1 : 0)), yes ? [1, 0] : [0, 1]] as Plaintext;
}

/** A cast by `voter`. */
export function castBy(
  ctx: CastContext<unknown>,
  voter: KeyPair,
  p: Plaintext,
  ballotId?: string,
): CreatedCast {
  return unwrap(
    createCast(ctx, { voterSecret: voter.secretKey, plaintext: p, ...(ballotId ? { ballotId } : {}) }, rng),
  );
}

/** The cast's JSON, typed as the route's body. */
export function json(c: CastBallot): CastBody & JsonObject {
  return castToJson(c) as CastBody & JsonObject;
}

/** The audit record of a created cast. */
export function auditOf(ctx: CastContext<unknown>, voter: KeyPair, c: CreatedCast): AuditBody & JsonObject {
  return createAudit(ctx, voter.secretKey, c.cast, c.secrets) as AuditBody & JsonObject;
}

/** A cast whose first proof is changed and that is signed again (signature good, proof bad). */
export function badProofCast(ctx: CastContext<unknown>, voter: KeyPair, p: Plaintext): CastBody & JsonObject {
  const c = castBy(ctx, voter, p).cast;
  const ballot = structuredClone(c.ballot) as { questions: { selections: { proof: JsonObject }[] }[] };
  // The first option's 0/1 proof is replaced by the second option's: well-formed, but for another ciphertext.
  ballot.questions[0]!.selections[0]!.proof = ballot.questions[0]!.selections[1]!.proof;
  const unsigned = { ...c, ballot: ballot as unknown as JsonObject };
  return json({ ...unsigned, sig: signJson(ed, voter.secretKey, CAST_DOMAIN, castPayload(unsigned)) });
}

/** Decrypts per-option sums (small counts) with the election secret key. */
export function decryptSums(sum: readonly (readonly unknown[])[]): number[][] {
  return sum.map((q) =>
    q.map((ctJson) => {
      const ct = ctJson as { a: JsonValue; b: JsonValue };
      const m = decryptToElement(G, { a: unwrap(G.fromJson(ct.a)), b: unwrap(G.fromJson(ct.b)) }, SK);
      for (let i = 0; i < 1000; i++) if (G.eq(G.expG(BigInt(i)), m)) return i;
      throw new Error('sum out of range');
    }),
  );
}
