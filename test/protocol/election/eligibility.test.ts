import { describe, expect, it } from 'vitest';
import { blindPublicKeyToJson, generateBlindKeyPair } from '../../../src/crypto/blind/keys.js';
import { blindSign } from '../../../src/crypto/blind/tokens.js';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { unwrap } from '../../../src/crypto/result.js';
import { signJson } from '../../../src/crypto/sig/signed-json.js';
import { checkCast } from '../../../src/protocol/cast/check.js';
import { castContext } from '../../../src/protocol/cast/context.js';
import { createCast } from '../../../src/protocol/cast/create.js';
import { buildElection } from '../../../src/protocol/election/build.js';
import { electionFingerprint } from '../../../src/protocol/election/fingerprint.js';
import { elgamalScheme } from '../../../src/protocol/elgamal-scheme.js';
import { checkTokenCount } from '../../../src/protocol/eligibility/blind-tokens.js';
import { checkAssignedBox } from '../../../src/protocol/eligibility/checker.js';
import { eligibilityChecker } from '../../../src/protocol/eligibility/for-election.js';
import { identityKeysChecker } from '../../../src/protocol/eligibility/identity-keys.js';
import { finishToken, requestToken, tokenMessage } from '../../../src/protocol/eligibility/token.js';
import { createTokenIssued, tokenIssuedToJson } from '../../../src/protocol/eligibility/token-issued.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import { seededRng } from '../../support/rng.js';
import { ELECTION, ed, INPUT, keyPair, REGISTRAR } from './fixtures.js';

const FP = electionFingerprint(ELECTION);
const voters = ['v-a', 'v-b', 'v-c'].map(keyPair);
const record = voterKeysToJson(
  createVoterKeys(ed, REGISTRAR.secretKey, FP, [
    { key: voters[0]!.publicKey, boxes: ['box-b', 'box-a'] },
    { key: voters[1]!.publicKey, boxes: ['box-c'] },
  ]),
);
const checker = identityKeysChecker(ed, ELECTION);

/** Re-signs an edited record's payload with `secret` in `domain`. */
function resign(r: JsonObject, secret = REGISTRAR.secretKey, domain = 'election/voter-keys'): JsonObject {
  const { sig: _s, ...payload } = r;
  return { ...payload, sig: signJson(ed, secret, domain, payload) };
}

describe('identity keys: voter_keys records', () => {
  it('are signed, sorted, applied and answer eligibility with the assigned boxes', async () => {
    const s0 = checker.initial();
    const s1 = unwrap(checker.apply(s0, 'voter_keys', record));
    expect(s0.count).toBe(0);
    expect(s1.count).toBe(2);
    const e0 = unwrap(await checker.check(s1, { election: FP, voter_key: voters[0]!.publicKey }));
    expect(e0.boxes).toEqual(['box-a', 'box-b']);
    expect(checkAssignedBox(e0, 'box-a').ok).toBe(true);
    const no = checkAssignedBox(e0, 'box-c');
    expect(!no.ok && no.code).toBe('NOT_ELIGIBLE');
    const r = await checker.check(s1, { election: FP, voter_key: voters[2]!.publicKey });
    expect(!r.ok && r.code).toBe('NOT_ELIGIBLE');
    const before = await checker.check(s0, { election: FP, voter_key: voters[0]!.publicKey });
    expect(before.ok).toBe(false);
    const other = await checker.check(s1, { election: 'ee'.repeat(32), voter_key: voters[0]!.publicKey });
    expect(!other.ok && other.code).toBe('NOT_ELIGIBLE');
  });

  it('never list a key twice and never exceed the roll', () => {
    const s1 = unwrap(checker.apply(checker.initial(), 'voter_keys', record));
    const again = checker.apply(s1, 'voter_keys', record);
    expect(!again.ok && again.code).toBe('ELIGIBILITY_INVALID');
    const many = voterKeysToJson(
      createVoterKeys(
        ed,
        REGISTRAR.secretKey,
        FP,
        ['w1', 'w2', 'w3', 'w4'].map((n) => ({ key: keyPair(n).publicKey, boxes: ['box-a'] })),
      ),
    );
    const over = checker.apply(s1, 'voter_keys', many);
    expect(!over.ok && over.code).toBe('ELIGIBILITY_INVALID');
    expect(checker.apply(checker.initial(), 'voter_keys', many).ok).toBe(true);
  });

  const entries = (r: JsonObject) => r.voters as JsonObject[];
  const cases: [string, (r: JsonObject) => JsonObject, string][] = [
    ['unknown field', (r) => ({ ...r, extra: 1 }), 'ELIGIBILITY_INVALID'],
    ['other election', (r) => resign({ ...r, election: 'ee'.repeat(32) }), 'ELIGIBILITY_INVALID'],
    ['no voters', (r) => resign({ ...r, voters: [] }), 'ELIGIBILITY_INVALID'],
    ['unsorted voters', (r) => resign({ ...r, voters: [...entries(r)].reverse() }), 'ELIGIBILITY_INVALID'],
    [
      'repeated voter',
      (r) => resign({ ...r, voters: [entries(r)[0]!, entries(r)[0]!] }),
      'ELIGIBILITY_INVALID',
    ],
    [
      'unknown box',
      (r) => resign({ ...r, voters: [{ ...entries(r)[0]!, boxes: ['box-z'] }, entries(r)[1]!] }),
      'ELIGIBILITY_INVALID',
    ],
    [
      'unsorted boxes',
      (r) => resign({ ...r, voters: [{ ...entries(r)[0]!, boxes: ['box-b', 'box-a'] }, entries(r)[1]!] }),
      'ELIGIBILITY_INVALID',
    ],
    [
      'no boxes',
      (r) => resign({ ...r, voters: [{ ...entries(r)[0]!, boxes: [] }, entries(r)[1]!] }),
      'ELIGIBILITY_INVALID',
    ],
    [
      'entry unknown field',
      (r) => resign({ ...r, voters: [{ ...entries(r)[0]!, name: 'Ana' }, entries(r)[1]!] }),
      'ELIGIBILITY_INVALID',
    ],
    [
      'small-order key',
      (r) => resign({ ...r, voters: [{ ...entries(r)[0]!, key: `01${'00'.repeat(31)}` }] }),
      'ELIGIBILITY_INVALID',
    ],
    ['bad sig encoding', (r) => ({ ...r, sig: 'ab' }), 'ELIGIBILITY_INVALID'],
    ['dropped voter without re-signing', (r) => ({ ...r, voters: entries(r).slice(1) }), 'SIGNATURE_INVALID'],
    ['signed by a box', (r) => resign(r, keyPair('box-a').secretKey), 'SIGNATURE_INVALID'],
    [
      'signed in another domain',
      (r) => resign(r, REGISTRAR.secretKey, 'election/token-issued'),
      'SIGNATURE_INVALID',
    ],
  ];
  it.each(cases)('reject %s', (_n, f, code) => {
    const r = checker.apply(checker.initial(), 'voter_keys', f(structuredClone(record)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it('refuse records of other modes', () => {
    const r = checker.apply(checker.initial(), 'token_issued', record);
    expect(!r.ok && r.code).toBe('ELIGIBILITY_INVALID');
  });
});

describe('blind tokens', async () => {
  const { publicKey, secretKey } = await generateBlindKeyPair(2048);
  const election = unwrap(
    buildElection({
      ...INPUT,
      eligibility: { mode: 'blind-tokens', token_key: blindPublicKeyToJson(publicKey) },
    }),
  );
  const fp = electionFingerprint(election);
  const tokens = unwrap(eligibilityChecker(ed, election));
  const rng = seededRng('tokens');
  const voter = keyPair('anonymous');

  /** The whole issuance: blind, sign, unblind. */
  async function obtain(forKey: string, forElection = fp) {
    const req = requestToken(publicKey, forElection, forKey, rng);
    const blindSig = unwrap(await blindSign(secretKey, req.blindedMsg));
    return unwrap(await finishToken(publicKey, req, blindSig));
  }
  const token = await obtain(voter.publicKey);

  it('signs M = tag ‖ fingerprint ‖ voting key', () => {
    const m = tokenMessage(fp, voter.publicKey);
    expect(m.length).toBe('pnyx/v1/voting-token'.length + 64);
  });

  it('let a token-bearing key vote through every box', async () => {
    const G = await loadFastRistretto();
    const ctx = castContext(election, elgamalScheme(G, G.expG(G.randomScalar(rng))), ed);
    const plain = [
      [1, 0, 0, 0, 0],
      [1, 0],
      [0, 0, 0, 1],
    ] as const;
    const c = unwrap(createCast(ctx, { voterSecret: voter.secretKey, plaintext: plain, token }, rng));
    const checked = unwrap(checkCast(ctx, c.cast));
    const e = unwrap(await tokens.check(tokens.initial(), checked.cast));
    expect(e.boxes).toEqual(['box-a', 'box-b', 'box-c']);
    const without = unwrap(createCast(ctx, { voterSecret: voter.secretKey, plaintext: plain }, rng));
    const missing = checkCast(ctx, without.cast);
    expect(!missing.ok && missing.code).toBe('CAST_INVALID');
  });

  it('refuse a token for another key, another election, or tampered', async () => {
    const s = tokens.initial();
    const other = await tokens.check(s, { election: fp, voter_key: keyPair('someone').publicKey, token });
    expect(!other.ok && other.code).toBe('TOKEN_INVALID');
    const elsewhere = await obtain(voter.publicKey, 'ee'.repeat(32));
    const e2 = await tokens.check(s, { election: fp, voter_key: voter.publicKey, token: elsewhere });
    expect(!e2.ok && e2.code).toBe('TOKEN_INVALID');
    const flipped = {
      ...token,
      prefix: `${token.prefix.slice(0, 63)}${token.prefix.endsWith('0') ? '1' : '0'}`,
    };
    const e3 = await tokens.check(s, { election: fp, voter_key: voter.publicKey, token: flipped });
    expect(!e3.ok && e3.code).toBe('TOKEN_INVALID');
    const none = await tokens.check(s, { election: fp, voter_key: voter.publicKey });
    expect(!none.ok && none.code).toBe('NOT_ELIGIBLE');
    const wrongFp = await tokens.check(s, { election: 'ee'.repeat(32), voter_key: voter.publicKey, token });
    expect(!wrongFp.ok && wrongFp.code).toBe('NOT_ELIGIBLE');
  });

  it('count issued tokens with token_issued records that only grow', () => {
    const issued = (total: number) =>
      tokenIssuedToJson(createTokenIssued(ed, REGISTRAR.secretKey, fp, total));
    const s1 = unwrap(tokens.apply(tokens.initial(), 'token_issued', issued(2)));
    const s2 = unwrap(tokens.apply(s1, 'token_issued', issued(5)));
    expect(s2).toEqual({ issued: 5 });
    expect(checkTokenCount(s2 as { issued: number }, 5).ok).toBe(true);
    expect(checkTokenCount(s2 as { issued: number }, 6).ok).toBe(false);
    const codeOf = (state: unknown, v: unknown, type = 'token_issued') => {
      const r = tokens.apply(state, type, v);
      return r.ok ? true : r.code;
    };
    expect(codeOf(s2, issued(5))).toBe('ELIGIBILITY_INVALID');
    expect(codeOf(s2, issued(4))).toBe('ELIGIBILITY_INVALID');
    expect(codeOf(s1, issued(6))).toBe('ELIGIBILITY_INVALID');
    expect(codeOf(s1, issued(0))).toBe('ELIGIBILITY_INVALID');
    expect(codeOf(s1, { ...issued(3), extra: 1 })).toBe('ELIGIBILITY_INVALID');
    expect(codeOf(s1, { ...issued(3), total: 4 })).toBe('SIGNATURE_INVALID');
    const other = tokenIssuedToJson(createTokenIssued(ed, REGISTRAR.secretKey, FP, 3));
    expect(codeOf(s1, other)).toBe('ELIGIBILITY_INVALID');
    const { sig: _s, ...payload } = issued(3);
    expect(
      codeOf(s1, { ...payload, sig: signJson(ed, REGISTRAR.secretKey, 'election/voter-keys', payload) }),
    ).toBe('SIGNATURE_INVALID');
    expect(codeOf(s1, issued(3), 'voter_keys')).toBe('ELIGIBILITY_INVALID');
  });

  it('has no SharedBallot implementation yet', () => {
    const sb = unwrap(buildElection({ ...INPUT, eligibility: { mode: 'sharedballot', block_size: 4 } }));
    const r = eligibilityChecker(ed, sb);
    expect(!r.ok && r.code).toBe('ELIGIBILITY_INVALID');
    expect(unwrap(eligibilityChecker(ed, ELECTION)).mode).toBe('identity-keys');
  });
});
