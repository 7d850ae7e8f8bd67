import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import { canonicalJson, parseJson } from '../../../src/crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../../src/crypto/encoding/hash.js';
import { type ErrorCode, unwrap } from '../../../src/crypto/result.js';
import { buildElection } from '../../../src/protocol/election/build.js';
import { electionFingerprint } from '../../../src/protocol/election/fingerprint.js';
import { checkLedgerParameters, ledgerParameters } from '../../../src/protocol/election/ledger-parameters.js';
import { readElection } from '../../../src/protocol/election/read.js';
import {
  checkRollList,
  rollCommitment,
  rollEntryCommitment,
  rollHash,
} from '../../../src/protocol/election/roll.js';
import { isVotingOpen } from '../../../src/protocol/election/schedule.js';
import { electionToJson } from '../../../src/protocol/election/write.js';
import { BOXES, ELECTION, electionJson, INPUT, keyPair, ROLL, TRUSTEES, VALIDATORS } from './fixtures.js';

/** A deep copy of the test election's JSON changed by `f`. */
function edit(f: (e: Record<string, JsonValue>) => void): JsonObject {
  const e = structuredClone(electionJson()) as Record<string, JsonValue>;
  f(e);
  return e;
}

type Obj = Record<string, JsonValue>;
const o = (v: JsonValue): Obj => v as Obj;
const a = (v: JsonValue): JsonValue[] => v as JsonValue[];
const SMALL_ORDER_KEY = `01${'00'.repeat(31)}`;
const BAD_SPKI = '30'.repeat(10);

describe('election definition', () => {
  it('round-trips through JSON text and keeps its fingerprint', () => {
    const text = canonicalJson(electionJson());
    const again = unwrap(readElection(unwrap(parseJson(text))));
    expect(again).toEqual(ELECTION);
    expect(electionFingerprint(again)).toBe(electionFingerprint(ELECTION));
    expect(electionFingerprint(ELECTION)).toBe(hashJsonHex(['pnyx/v1/election', electionJson()]));
  });

  it('fills the documented defaults', () => {
    expect(ELECTION.scheme).toBe('elgamal-ristretto255');
    expect(ELECTION.eligibility).toEqual({ mode: 'identity-keys' });
    expect(ELECTION.revote).toBe('once');
    expect(ELECTION.quorum).toBe(2);
    expect(ELECTION.hardness).toBe(8);
  });

  it('accepts every scheme, mode and policy, with a registration window', () => {
    for (const scheme of ['elgamal-modp2048', 'elgamal-modp3072'] as const)
      expect(buildElection({ ...INPUT, scheme }).ok).toBe(true);
    const paillier = buildElection({
      ...INPUT,
      scheme: 'paillier',
      trustees: { n: 1, k: 1, members: [{ index: 1, name: 'keeper', key: TRUSTEES[0]!.publicKey }] },
    });
    expect(paillier.ok).toBe(true);
    const sb = unwrap(
      buildElection({ ...INPUT, eligibility: { mode: 'sharedballot', block_size: 8 }, revote: 'last' }),
    );
    expect(unwrap(readElection(electionToJson(sb)))).toEqual(sb);
    const reg = unwrap(
      buildElection({
        ...INPUT,
        schedule: { ...INPUT.schedule, registration: { opens_at: 1, closes_at: 2 } },
      }),
    );
    expect(reg.schedule.registration).toEqual({ opens_at: 1, closes_at: 2 });
  });

  it('changes its fingerprint with any field', () => {
    const fp = electionFingerprint(ELECTION);
    expect(electionFingerprint({ ...ELECTION, id: 'other' })).not.toBe(fp);
    expect(electionFingerprint({ ...ELECTION, revote: 'last' })).not.toBe(fp);
    expect(electionFingerprint({ ...ELECTION, hardness: 9 })).not.toBe(fp);
  });

  const other = keyPair('other').publicKey;
  const cases: [string, (e: Obj) => void, ErrorCode][] = [
    ['boxes not a list', (e) => Object.assign(e, { boxes: 'x' }), 'ELECTION_INVALID'],
    ['unknown top-level field', (e) => Object.assign(e, { extra: 1 }), 'ELECTION_INVALID'],
    ['missing field', (e) => delete e.roll, 'ELECTION_INVALID'],
    ['bad id', (e) => Object.assign(e, { id: '-x' }), 'ELECTION_INVALID'],
    ['long id', (e) => Object.assign(e, { id: 'x'.repeat(65) }), 'ELECTION_INVALID'],
    ['bad manifest', (e) => Object.assign(o(e.manifest), { title: '' }), 'MANIFEST_INVALID'],
    [
      'schedule closes before it opens',
      (e) => Object.assign(o(e.schedule), { closes_at: 1 }),
      'ELECTION_INVALID',
    ],
    ['schedule float', (e) => Object.assign(o(e.schedule), { opens_at: 1.5 }), 'ELECTION_INVALID'],
    ['schedule negative', (e) => Object.assign(o(e.schedule), { opens_at: -1 }), 'ELECTION_INVALID'],
    ['schedule unknown field', (e) => Object.assign(o(e.schedule), { x: 1 }), 'ELECTION_INVALID'],
    [
      'registration after voting closes',
      (e) => Object.assign(o(e.schedule), { registration: { opens_at: 0, closes_at: 1_900_000_000_000 } }),
      'ELECTION_INVALID',
    ],
    [
      'empty registration window',
      (e) => Object.assign(o(e.schedule), { registration: { opens_at: 5, closes_at: 5 } }),
      'ELECTION_INVALID',
    ],
    ['unknown scheme', (e) => Object.assign(e, { scheme: 'elgamal-modp-test64' }), 'ELECTION_INVALID'],
    ['unknown mode', (e) => Object.assign(e, { eligibility: { mode: 'none' } }), 'ELECTION_INVALID'],
    [
      'identity keys with a token key',
      (e) => Object.assign(e, { eligibility: { mode: 'identity-keys', token_key: BAD_SPKI } }),
      'ELECTION_INVALID',
    ],
    [
      'blind tokens without key',
      (e) => Object.assign(e, { eligibility: { mode: 'blind-tokens' } }),
      'ELECTION_INVALID',
    ],
    [
      'blind tokens with a bad key',
      (e) => Object.assign(e, { eligibility: { mode: 'blind-tokens', token_key: BAD_SPKI } }),
      'ELECTION_INVALID',
    ],
    [
      'sharedballot block of one',
      (e) => Object.assign(e, { eligibility: { mode: 'sharedballot', block_size: 1 } }),
      'ELECTION_INVALID',
    ],
    ['unknown revote policy', (e) => Object.assign(e, { revote: 'first' }), 'ELECTION_INVALID'],
    ['empty allow-list', (e) => Object.assign(e, { boxes: [] }), 'ELECTION_INVALID'],
    ['repeated box id', (e) => Object.assign(o(a(e.boxes)[1]), { id: BOXES[0]!.id }), 'ELECTION_INVALID'],
    [
      'repeated box key',
      (e) => Object.assign(o(a(e.boxes)[1]), { key: BOXES[0]!.publicKey }),
      'ELECTION_INVALID',
    ],
    [
      'small-order box key',
      (e) => Object.assign(o(a(e.boxes)[1]), { key: SMALL_ORDER_KEY }),
      'ELECTION_INVALID',
    ],
    [
      'uppercase box key',
      (e) => Object.assign(o(a(e.boxes)[1]), { key: BOXES[1]!.publicKey.toUpperCase() }),
      'ELECTION_INVALID',
    ],
    ['ftp box url', (e) => Object.assign(o(a(e.boxes)[1]), { url: 'ftp://x.org/' }), 'ELECTION_INVALID'],
    ['relative box url', (e) => Object.assign(o(a(e.boxes)[1]), { url: '/ballots' }), 'ELECTION_INVALID'],
    [
      'box url with credentials',
      (e) => Object.assign(o(a(e.boxes)[1]), { url: 'https://u:p@x.org/' }),
      'ELECTION_INVALID',
    ],
    ['box unknown field', (e) => Object.assign(o(a(e.boxes)[1]), { weight: 2 }), 'ELECTION_INVALID'],
    ['no validators', (e) => Object.assign(e, { validators: [] }), 'ELECTION_INVALID'],
    ['repeated validator', (e) => Object.assign(e, { validators: [other, other] }), 'ELECTION_INVALID'],
    ['quorum above validators', (e) => Object.assign(e, { quorum: 4 }), 'ELECTION_INVALID'],
    ['quorum not a majority', (e) => Object.assign(e, { quorum: 1 }), 'ELECTION_INVALID'],
    ['quorum zero', (e) => Object.assign(e, { quorum: 0 }), 'ELECTION_INVALID'],
    ['hardness too high', (e) => Object.assign(e, { hardness: 129 }), 'ELECTION_INVALID'],
    ['threshold zero', (e) => Object.assign(o(e.trustees), { k: 0 }), 'ELECTION_INVALID'],
    ['threshold above n', (e) => Object.assign(o(e.trustees), { k: 4 }), 'ELECTION_INVALID'],
    ['members fewer than n', (e) => a(o(e.trustees).members).pop(), 'ELECTION_INVALID'],
    [
      'member index out of order',
      (e) => Object.assign(o(a(o(e.trustees).members)[0]), { index: 2 }),
      'ELECTION_INVALID',
    ],
    [
      'repeated member name',
      (e) => Object.assign(o(a(o(e.trustees).members)[1]), { name: 'alice' }),
      'ELECTION_INVALID',
    ],
    [
      'repeated member key',
      (e) => Object.assign(o(a(o(e.trustees).members)[1]), { key: TRUSTEES[0]!.publicKey }),
      'ELECTION_INVALID',
    ],
    ['Paillier with three trustees', (e) => Object.assign(e, { scheme: 'paillier' }), 'ELECTION_INVALID'],
    ['bad registrar key', (e) => Object.assign(e, { registrar: 'ab' }), 'ELECTION_INVALID'],
    ['empty roll', (e) => Object.assign(o(e.roll), { count: 0 }), 'ELECTION_INVALID'],
    ['bad roll hash', (e) => Object.assign(o(e.roll), { hash: 'zz'.repeat(32) }), 'ELECTION_INVALID'],
    ['roll unknown field', (e) => Object.assign(o(e.roll), { salt: 'x' }), 'ELECTION_INVALID'],
    ['big-integer quorum', (e) => Object.assign(e, { quorum: 2n ** 70n }), 'ELECTION_INVALID'],
  ];
  it.each(cases)('rejects %s', (_name, f, code) => {
    const r = readElection(edit(f));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it('rejects garbage with ELECTION_INVALID', () => {
    for (const g of [null, 1, 'x', [], true]) {
      const r = readElection(g);
      expect(!r.ok && r.code).toBe('ELECTION_INVALID');
    }
  });

  it('uses the validators and voting window as documented', () => {
    expect(ELECTION.validators).toEqual(VALIDATORS.map((v) => v.publicKey));
    expect(isVotingOpen(ELECTION.schedule, ELECTION.schedule.opens_at)).toBe(true);
    expect(isVotingOpen(ELECTION.schedule, ELECTION.schedule.closes_at)).toBe(false);
  });
});

describe('roll commitment', () => {
  const entries = ROLL.map((r) => rollEntryCommitment(r.login, r.salt));

  it('hashes the sorted entry commitments under its domain', () => {
    expect(rollEntryCommitment('ana', '0'.repeat(64))).toBe(
      hashJsonHex(['pnyx/v1/roll-entry', 'ana', '0'.repeat(64)]),
    );
    const c = unwrap(rollCommitment(entries));
    expect(c.count).toBe(5);
    expect(c.hash).toBe(hashJsonHex(['pnyx/v1/roll', [...entries].sort()]));
    expect(rollHash([...entries].reverse())).toBe(c.hash);
    expect(ELECTION.roll).toEqual(c);
  });

  it('checks a published list and refuses repeats', () => {
    expect(checkRollList(ELECTION.roll, [...entries].reverse()).ok).toBe(true);
    expect(checkRollList(ELECTION.roll, entries.slice(1)).ok).toBe(false);
    const dup = rollCommitment([entries[0]!, entries[0]!]);
    expect(!dup.ok && dup.code).toBe('ELECTION_INVALID');
    const bad = rollCommitment(['xyz']);
    expect(!bad.ok && bad.code).toBe('ELECTION_INVALID');
  });

  it('depends on the salt', () => {
    expect(rollEntryCommitment('ana', '0'.repeat(64))).not.toBe(rollEntryCommitment('ana', '1'.repeat(64)));
  });
});

describe('ledger parameters', () => {
  it('are copied from the definition and checked against a genesis', () => {
    const p = ledgerParameters(ELECTION);
    expect(checkLedgerParameters(ELECTION, p).ok).toBe(true);
    for (const g of [
      { ...p, hardness: p.hardness + 1 },
      { ...p, quorum: 3 },
      { ...p, validators: [...p.validators].reverse() },
      { ...p, validators: p.validators.slice(1) },
    ]) {
      const r = checkLedgerParameters(ELECTION, g);
      expect(!r.ok && r.code).toBe('ELECTION_INVALID');
    }
  });
});
