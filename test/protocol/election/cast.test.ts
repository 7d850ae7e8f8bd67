import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  type JsonObject,
  type JsonValue,
  parseJson,
} from '../../../src/crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../../src/crypto/encoding/hash.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { CryptoUsageError, unwrap } from '../../../src/crypto/result.js';
import { signJson } from '../../../src/crypto/sig/signed-json.js';
import { checkAudit, createAudit } from '../../../src/protocol/cast/audit.js';
import { ballotBinding } from '../../../src/protocol/cast/binding.js';
import {
  CAST_DOMAIN,
  castPayload,
  castToJson,
  castTracker,
  readCast,
} from '../../../src/protocol/cast/cast.js';
import { checkCast } from '../../../src/protocol/cast/check.js';
import { castContext } from '../../../src/protocol/cast/context.js';
import { createCast } from '../../../src/protocol/cast/create.js';
import {
  checkReceipt,
  createReceipt,
  RECEIPT_DOMAIN,
  receiptToJson,
} from '../../../src/protocol/cast/receipt.js';
import { elgamalScheme } from '../../../src/protocol/elgamal-scheme.js';
import { seededRng } from '../../support/rng.js';
import { BOXES, ELECTION, ed, keyPair } from './fixtures.js';

const G = await loadFastRistretto();
const rng = seededRng('cast');
const pk = G.expG(G.randomScalar(rng));
const ctx = castContext(ELECTION, elgamalScheme(G, pk), ed);
const voter = keyPair('voter-1');
const PLAIN = [
  [0, 1, 0, 0, 0],
  [0, 1],
  [1, 0, 1, 0],
] as const;
const created = unwrap(createCast(ctx, { voterSecret: voter.secretKey, plaintext: PLAIN }, rng));
const castJson = castToJson(created.cast);

/** Re-signs a cast payload with `secret` in `domain`. */
function resign(payload: JsonObject, secret: Uint8Array, domain = CAST_DOMAIN): JsonObject {
  return { ...payload, sig: signJson(ed, secret, domain, payload) };
}

function codeOf(v: unknown): string | true {
  const r = checkCast(ctx, v);
  return r.ok ? true : r.code;
}

describe('cast ballot', () => {
  it('is created, signed and checked; its tracker is the hash of the canonical cast', () => {
    const r = unwrap(checkCast(ctx, castJson));
    expect(r.tracker).toBe(created.tracker);
    expect(r.tracker).toBe(hashJsonHex(castJson));
    expect(r.ciphertexts.map((row) => row.length)).toEqual([5, 2, 4]);
    expect(created.cast.voter_key).toBe(voter.publicKey);
    expect(created.cast.election).toBe(ctx.fingerprint);
    expect(created.cast.ballot_id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('survives canonical JSON text', () => {
    const text = canonicalJson(castJson);
    const back = unwrap(parseJson(text));
    expect(unwrap(checkCast(ctx, back)).tracker).toBe(created.tracker);
    expect(castTracker(unwrap(readCast(back)))).toBe(created.tracker);
  });

  it('binds the proofs to (voter_key, ballot_id)', () => {
    expect(ballotBinding(voter.publicKey, created.cast.ballot_id)).toBe(
      hashJsonHex(['pnyx/v1/ballot-binding', voter.publicKey, created.cast.ballot_id]),
    );
    // The voter re-signs the same ballot under another ballot id: the signature holds, the proofs do not.
    const p = castPayload(created.cast);
    expect(codeOf(resign({ ...p, ballot_id: 'cd'.repeat(32) }, voter.secretKey))).toBe('PROOF_INVALID');
    // Another voter copies the ballot under its own key.
    const thief = keyPair('thief');
    expect(codeOf(resign({ ...p, voter_key: thief.publicKey }, thief.secretKey))).toBe('PROOF_INVALID');
  });

  it('uses the signing domain election/cast only', () => {
    const p = castPayload(created.cast);
    expect(codeOf(resign(p, voter.secretKey, RECEIPT_DOMAIN))).toBe('SIGNATURE_INVALID');
    expect(codeOf(resign(p, voter.secretKey))).toBe(true);
  });

  const envelope: [string, (c: Record<string, JsonValue>) => void, string][] = [
    ['unknown field', (c) => Object.assign(c, { extra: 1 }), 'CAST_INVALID'],
    ['missing sig', (c) => delete c.sig, 'CAST_INVALID'],
    ['short ballot_id', (c) => Object.assign(c, { ballot_id: 'ab' }), 'CAST_INVALID'],
    [
      'uppercase voter_key',
      (c) => Object.assign(c, { voter_key: (c.voter_key as string).toUpperCase() }),
      'CAST_INVALID',
    ],
    ['ballot not an object', (c) => Object.assign(c, { ballot: [] }), 'CAST_INVALID'],
    ['short sig', (c) => Object.assign(c, { sig: 'ab'.repeat(63) }), 'CAST_INVALID'],
    ['other election', (c) => Object.assign(c, { election: 'ee'.repeat(32) }), 'CAST_INVALID'],
    [
      'token in an identity-key election',
      (c) => Object.assign(c, { token: { prefix: 'aa'.repeat(32), sig: 'bb' } }),
      'CAST_INVALID',
    ],
    ['malformed token', (c) => Object.assign(c, { token: { prefix: 'aa' } }), 'TOKEN_INVALID'],
    ['changed ballot_id', (c) => Object.assign(c, { ballot_id: 'cd'.repeat(32) }), 'SIGNATURE_INVALID'],
    [
      'changed voter_key',
      (c) => Object.assign(c, { voter_key: keyPair('x').publicKey }),
      'SIGNATURE_INVALID',
    ],
    ['small-order voter_key', (c) => Object.assign(c, { voter_key: `01${'00'.repeat(31)}` }), 'KEY_INVALID'],
    [
      'flipped sig bit',
      (c) =>
        Object.assign(c, {
          sig: `${(c.sig as string).slice(0, 127)}${(c.sig as string).endsWith('0') ? '1' : '0'}`,
        }),
      'SIGNATURE_INVALID',
    ],
    [
      'extra question',
      (c) => ((c.ballot as { questions: JsonValue[] }).questions as JsonValue[]).push({}),
      'SIGNATURE_INVALID',
    ],
  ];
  it.each(envelope)('rejects %s', (_n, f, code) => {
    const c = structuredClone(castJson) as Record<string, JsonValue>;
    f(c);
    expect(codeOf(c)).toBe(code);
  });

  it('rejects a re-signed ballot with a bad shape by its ballot code', () => {
    const p = structuredClone(castPayload(created.cast)) as Record<string, JsonValue>;
    (p.ballot as { questions: JsonValue[] }).questions.pop();
    expect(codeOf(resign(p, voter.secretKey))).toBe('BALLOT_INVALID');
  });

  it('rejects garbage', () => {
    for (const g of [null, 0, 'x', [], {}]) expect(codeOf(g)).toBe('CAST_INVALID');
  });

  it('refuses a scheme that is not the election scheme', () => {
    const other = { ...elgamalScheme(G, pk), name: 'paillier' as const };
    expect(() => castContext(ELECTION, other, ed)).toThrow(CryptoUsageError);
  });

  it('fails to create a ballot that violates the manifest', () => {
    const r = createCast(
      ctx,
      {
        voterSecret: voter.secretKey,
        plaintext: [
          [1, 1, 0, 0, 0],
          [0, 1],
          [1, 0, 0, 0],
        ],
      },
      rng,
    );
    expect(!r.ok && r.code).toBe('SELECTION_INVALID');
  });
});

describe('receipt', () => {
  const box = BOXES[1]!;
  const receipt = createReceipt(ed, box.secretKey, {
    tracker: created.tracker,
    box: box.id,
    received_at: 1_800_000_000_123,
  });
  const json = receiptToJson(receipt);

  it('is signed by the box and checked against the allow-list and the tracker', () => {
    expect(unwrap(checkReceipt(ed, ELECTION, json, created.tracker))).toEqual(receipt);
    expect(unwrap(checkReceipt(ed, ELECTION, unwrap(parseJson(canonicalJson(json)))))).toEqual(receipt);
  });

  it('rejects every bad field', () => {
    const bad = (f: (r: Record<string, JsonValue>) => void, tracker?: string) => {
      const r = structuredClone(json) as Record<string, JsonValue>;
      f(r);
      const c = checkReceipt(ed, ELECTION, r, tracker);
      return c.ok ? true : c.code;
    };
    expect(bad(() => {}, 'ff'.repeat(32))).toBe('RECEIPT_INVALID');
    expect(bad((r) => Object.assign(r, { box: 'box-z' }))).toBe('RECEIPT_INVALID');
    expect(bad((r) => Object.assign(r, { box: BOXES[0]!.id }))).toBe('SIGNATURE_INVALID');
    expect(bad((r) => Object.assign(r, { received_at: 1 }))).toBe('SIGNATURE_INVALID');
    expect(bad((r) => Object.assign(r, { tracker: 'ee'.repeat(32) }))).toBe('SIGNATURE_INVALID');
    expect(bad((r) => Object.assign(r, { received_at: -1 }))).toBe('RECEIPT_INVALID');
    expect(bad((r) => Object.assign(r, { extra: 0 }))).toBe('RECEIPT_INVALID');
    expect(bad((r) => delete r.sig)).toBe('RECEIPT_INVALID');
    expect(bad((r) => Object.assign(r, { tracker: 'x' }))).toBe('RECEIPT_INVALID');
  });

  it('is bound to its domain and to the box key', () => {
    const { sig: _sig, ...payload } = json;
    const wrongDomain = { ...payload, sig: signJson(ed, box.secretKey, CAST_DOMAIN, payload) };
    expect(checkReceipt(ed, ELECTION, wrongDomain).ok).toBe(false);
    const wrongKey = { ...payload, sig: signJson(ed, BOXES[0]!.secretKey, RECEIPT_DOMAIN, payload) };
    const r = checkReceipt(ed, ELECTION, wrongKey);
    expect(!r.ok && r.code).toBe('SIGNATURE_INVALID');
  });
});

describe('Benaloh audit', () => {
  const spoiled = unwrap(createCast(ctx, { voterSecret: voter.secretKey, plaintext: PLAIN }, rng));
  const audit = createAudit(ctx, voter.secretKey, spoiled.cast, spoiled.secrets);

  it('round-trips and reveals the plaintext', () => {
    const r = unwrap(checkAudit(ctx, unwrap(parseJson(canonicalJson(audit)))));
    expect(r.plaintext).toEqual(PLAIN);
    expect(r.tracker).toBe(spoiled.tracker);
    expect(r.cast.ballot_id).toBe(spoiled.cast.ballot_id);
  });

  const code = (f: (a: Record<string, JsonValue>) => void) => {
    const a = structuredClone(audit) as Record<string, JsonValue>;
    f(a);
    const r = checkAudit(ctx, a);
    return r.ok ? true : r.code;
  };
  const secrets = (a: Record<string, JsonValue>) =>
    a.secrets as { plaintext: number[][]; randomness: JsonValue[][] };
  /** Re-signs an edited audit body with the voter key (a voter lying about its own ballot). */
  const resignAudit = (a: Record<string, JsonValue>) => {
    const { sig: _s, ...body } = a;
    a.sig = signJson(ed, voter.secretKey, 'election/audit', body);
  };

  it('rejects lies about the plaintext or the randomness', () => {
    expect(
      code((a) => {
        secrets(a).plaintext[0] = [1, 0, 0, 0, 0];
        resignAudit(a);
      }),
    ).toBe('BALLOT_INVALID');
    expect(
      code((a) => {
        const rs = secrets(a).randomness;
        [rs[1]![0], rs[1]![1]] = [rs[1]![1]!, rs[1]![0]!];
        resignAudit(a);
      }),
    ).toBe('BALLOT_INVALID');
  });

  it('rejects bad shapes, signatures and casts', () => {
    expect(code((a) => Object.assign(a, { extra: 1 }))).toBe('AUDIT_INVALID');
    expect(code((a) => delete a.secrets)).toBe('AUDIT_INVALID');
    expect(code((a) => Object.assign(a, { sig: 'zz' }))).toBe('AUDIT_INVALID');
    expect(code((a) => Object.assign(secrets(a), { more: 1 }))).toBe('AUDIT_INVALID');
    expect(code((a) => secrets(a).plaintext.reverse())).toBe('SIGNATURE_INVALID');
    expect(code((a) => Object.assign(a.cast as JsonObject, { ballot_id: '00'.repeat(32) }))).toBe(
      'SIGNATURE_INVALID',
    );
    const other = keyPair('other-voter');
    expect(
      code((a) => {
        const { sig: _s, ...body } = a;
        a.sig = signJson(ed, other.secretKey, 'election/audit', body);
      }),
    ).toBe('SIGNATURE_INVALID');
    expect(
      code((a) => {
        const { sig: _s, ...body } = a;
        a.sig = signJson(ed, voter.secretKey, CAST_DOMAIN, body);
      }),
    ).toBe('SIGNATURE_INVALID');
  });
});
