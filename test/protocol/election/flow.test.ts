/**
 * A whole election through the pure records, as the tally and the verifier see it from the ledger:
 * eligibility, casts to several boxes, a box that alters a ballot, a box that attests for a voter it was
 * not assigned, an ineligible key, a double vote under "once", an audited ballot — then selection,
 * homomorphic sum and decryption.
 */
import { describe, expect, it } from 'vitest';
import { DlogSolver } from '../../../src/crypto/dlog.js';
import { decryptToElement } from '../../../src/crypto/elgamal.js';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { unwrap } from '../../../src/crypto/result.js';
import { checkAudit, createAudit } from '../../../src/protocol/cast/audit.js';
import { castToJson } from '../../../src/protocol/cast/cast.js';
import { type CheckedCast, checkCast } from '../../../src/protocol/cast/check.js';
import { castContext } from '../../../src/protocol/cast/context.js';
import { createCast } from '../../../src/protocol/cast/create.js';
import {
  type Attestation,
  attestationOf,
  rejectedAttestation,
  selectBallots,
} from '../../../src/protocol/cast/select.js';
import { electionFingerprint } from '../../../src/protocol/election/fingerprint.js';
import { elgamalScheme } from '../../../src/protocol/elgamal-scheme.js';
import { checkAssignedBox } from '../../../src/protocol/eligibility/checker.js';
import { identityKeysChecker } from '../../../src/protocol/eligibility/identity-keys.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import type { Plaintext } from '../../../src/protocol/selections.js';
import { tallyBallots } from '../../../src/protocol/tally.js';
import { seededRng } from '../../support/rng.js';
import { ELECTION, ed, keyPair, REGISTRAR } from './fixtures.js';

const G = await loadFastRistretto();
const rng = seededRng('flow');
const sk = G.randomScalar(rng);
const ctx = castContext(ELECTION, elgamalScheme(G, G.expG(sk)), ed);
const fp = electionFingerprint(ELECTION);
const [v0, v1, v2, v3] = ['f0', 'f1', 'f2', 'f3'].map(keyPair) as [
  ReturnType<typeof keyPair>,
  ReturnType<typeof keyPair>,
  ReturnType<typeof keyPair>,
  ReturnType<typeof keyPair>,
];
const outsider = keyPair('outsider');

const P = (chair: number, yes: boolean, board: number[]): Plaintext => [
  [0, 1, 2, 3, 4].map((i) => (i === chair ? 1 : 0)),
  yes ? [1, 0] : [0, 1],
  [0, 1, 2, 3].map((i) => (board.includes(i) ? 1 : 0)),
];

describe('an election from the ledger records', () => {
  it('counts exactly the ballots the rules allow', async () => {
    // Registration: the registrar publishes the eligible keys with their boxes.
    const eligibility = identityKeysChecker(ed, ELECTION);
    const state = unwrap(
      eligibility.apply(
        eligibility.initial(),
        'voter_keys',
        voterKeysToJson(
          createVoterKeys(ed, REGISTRAR.secretKey, fp, [
            { key: v0.publicKey, boxes: ['box-a', 'box-b', 'box-c'] },
            { key: v1.publicKey, boxes: ['box-a', 'box-b', 'box-c'] },
            { key: v2.publicKey, boxes: ['box-c'] },
            { key: v3.publicKey, boxes: ['box-a', 'box-b'] },
          ]),
        ),
      ),
    );
    const cast = (who: { secretKey: Uint8Array }, p: Plaintext) =>
      unwrap(createCast(ctx, { voterSecret: who.secretKey, plaintext: p }, rng));

    const b0 = cast(v0, P(0, true, [0]));
    const b1 = cast(v1, P(1, false, [1, 2]));
    const b2 = cast(v2, P(1, true, [3]));
    const b3 = cast(v3, P(2, true, [0, 1, 2]));
    const b3again = cast(v3, P(4, false, [3]));
    const spoiled = cast(v0, P(3, false, [2]));
    const intruder = cast(outsider, P(0, true, [0]));
    // Box a alters v1's ballot: it swaps two option ciphertexts of the first question.
    const altered = structuredClone(castToJson(b1.cast)) as JsonObject;
    const qs = (altered.ballot as { questions: { selections: JsonObject[] }[] }).questions;
    [qs[0]!.selections[0], qs[0]!.selections[1]] = [qs[0]!.selections[1]!, qs[0]!.selections[0]!];

    // The ballot records of the ledger, in ledger order: [box, cast JSON].
    const ledger: [string, unknown][] = [
      ['box-a', castToJson(b0.cast)],
      ['box-b', castToJson(b0.cast)],
      ['box-a', altered],
      ['box-b', castToJson(b1.cast)],
      ['box-c', castToJson(b1.cast)],
      ['box-c', castToJson(b2.cast)],
      ['box-a', castToJson(b2.cast)], // not assigned to v2
      ['box-a', castToJson(b3.cast)],
      ['box-b', castToJson(b3again.cast)], // v3 votes again: "once"
      ['box-b', castToJson(spoiled.cast)], // later audited
      ['box-a', castToJson(intruder.cast)], // not eligible
      ['box-c', castToJson(b0.cast)],
    ];
    const audits = [createAudit(ctx, v0.secretKey, spoiled.cast, spoiled.secrets)];

    // What the verifier does with each record.
    const checked: (CheckedCast<ReturnType<typeof ctx.ballot.scheme.encrypt>> | undefined)[] = [];
    const attestations: Attestation[] = [];
    for (const [box, json] of ledger) {
      const c = checkCast(ctx, json);
      if (!c.ok) {
        checked.push(undefined);
        attestations.push(rejectedAttestation(box, c.message));
        continue;
      }
      checked.push(c.value);
      const e = await eligibility.check(state, c.value.cast);
      const assigned = e.ok ? checkAssignedBox(e.value, box) : e;
      attestations.push(attestationOf(box, c.value, assigned.ok ? undefined : assigned.message));
    }
    const spoils = audits.map((a) => unwrap(checkAudit(ctx, a)).cast);
    const s = selectBallots(attestations, {
      revote: 'once',
      boxes: ELECTION.boxes.map((b) => b.id),
      spoiled: spoils,
    });

    expect(s.explanations.map((e) => e.verdict)).toEqual([
      'counted',
      'same-version',
      'rejected',
      'counted',
      'same-version',
      'counted',
      'rejected',
      'counted',
      'double-vote',
      'spoiled',
      'rejected',
      'same-version',
    ]);
    expect(s.counted.map((c) => c.boxes)).toEqual([
      ['box-a', 'box-b', 'box-c'],
      ['box-b', 'box-c'],
      ['box-c'],
      ['box-a'],
    ]);

    // Homomorphic sum of the counted ballots, then decryption.
    const tally = tallyBallots(
      ctx.ballot.scheme,
      ELECTION.manifest,
      s.counted.map((c) => checked[c.record]!.ciphertexts),
    );
    const dlog = new DlogSolver(G, 10n);
    const totals = tally.map((row) =>
      row.map((ct) => Number(unwrap(dlog.solve(decryptToElement(G, ct, sk))))),
    );
    expect(totals).toEqual([
      [1, 2, 1, 0, 0],
      [3, 1],
      [2, 2, 2, 1],
    ]);
  });
});
