/**
 * A blind-token election with an n-of-n (2-of-2) ceremony and revote policy `last`, its definition
 * carried by the genesis; and the synchronous token check the `ballot` rule uses, against the
 * asynchronous Web Crypto check.
 */
import { describe, expect, it } from 'vitest';
import { blindPublicKeyToJson, generateBlindKeyPair } from '../../../src/crypto/blind/keys.js';
import { blindSign } from '../../../src/crypto/blind/tokens.js';
import type { Ciphertext } from '../../../src/crypto/elgamal.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { unwrap } from '../../../src/crypto/result.js';
import { createTrusteeKey, trusteeKeyToJson } from '../../../src/crypto/threshold/n-of-n.js';
import {
  checkVotingTokenSync,
  type ElectionEnv,
  electionState,
  resultBody,
} from '../../../src/ledger/election/index.js';
import { createCast } from '../../../src/protocol/cast/create.js';
import { partialDecryptionBody } from '../../../src/protocol/ceremony/decryption.js';
import { electionFingerprint } from '../../../src/protocol/election/fingerprint.js';
import {
  checkVotingToken,
  finishToken,
  requestToken,
  type VotingToken,
} from '../../../src/protocol/eligibility/token.js';
import { createTokenIssued, tokenIssuedToJson } from '../../../src/protocol/eligibility/token-issued.js';
import { resultsToJson } from '../../../src/protocol/results.js';
import type { EncryptedTally } from '../../../src/protocol/tally.js';
import { seededRng } from '../../support/rng.js';
import {
  BOXES,
  CLOSES,
  definition,
  ed,
  Harness,
  lunwrap,
  OPENS,
  OUTSIDER,
  person,
  plain,
  REGISTRAR,
  TRUSTEES,
} from './harness.js';

const G = await loadFastRistretto();
const rng = seededRng('election-ledger-tokens');
const { publicKey: tokenKey, secretKey: tokenSecret } = await generateBlindKeyPair(2048);
const def = definition({
  eligibility: { mode: 'blind-tokens', token_key: blindPublicKeyToJson(tokenKey) },
  revote: 'last',
  trustees: {
    n: 2,
    k: 2,
    members: TRUSTEES.slice(0, 2).map((t, i) => ({ index: i + 1, name: t.name, key: t.pk })),
  },
});
const fp = electionFingerprint(def);
const env: ElectionEnv = { ed, groups: { ristretto255: G } };
const voters = ['anon1', 'anon2', 'anon3', 'anon4'].map(person);

async function token(key: string, forElection = fp): Promise<VotingToken> {
  const req = requestToken(tokenKey, forElection, key, rng);
  return unwrap(await finishToken(tokenKey, req, unwrap(await blindSign(tokenSecret, req.blindedMsg))));
}

describe('the synchronous token check', () => {
  it('agrees with the Web Crypto check on valid and altered tokens', async () => {
    const v = voters[0]!;
    const t = await token(v.pk);
    const other = await token(voters[1]!.pk);
    const flip = (hex: string, i: number) =>
      hex.slice(0, i) + (hex[i] === '0' ? '1' : '0') + hex.slice(i + 1);
    const cases: [string, VotingToken, string, string][] = [
      ['valid', t, fp, v.pk],
      ['another key', t, fp, voters[1]!.pk],
      ['another election', t, 'ab'.repeat(32), v.pk],
      ['token of another key', other, fp, v.pk],
      ['signature byte', { ...t, sig: flip(t.sig, 100) }, fp, v.pk],
      ['last signature byte', { ...t, sig: flip(t.sig, t.sig.length - 1) }, fp, v.pk],
      ['prefix byte', { ...t, prefix: flip(t.prefix, 3) }, fp, v.pk],
      ['signature ≥ n', { ...t, sig: 'ff'.repeat(256) }, fp, v.pk],
      ['short signature', { ...t, sig: t.sig.slice(2) }, fp, v.pk],
    ];
    for (const [what, tok, f, k] of cases) {
      const sync = checkVotingTokenSync(tokenKey, f, k, tok);
      const web = await checkVotingToken(tokenKey, f, k, tok);
      expect([what, sync.ok]).toEqual([what, web.ok]);
      if (!sync.ok) expect(sync.code).toBe('TOKEN_INVALID');
    }
    expect(checkVotingTokenSync(tokenKey, fp, v.pk, t).ok).toBe(true);
  });
});

describe('a blind-token, n-of-n, revote-last election', () => {
  it('runs from the genesis definition to the result', async () => {
    const h = await Harness.create(env, def, true);
    expect(h.view().phase).toBe('ceremony');
    expect(h.view().fingerprint).toBe(fp);
    // The election is already defined by the genesis.
    expect(h.attempt(h.tx(REGISTRAR, 'election', {}))).toMatchObject({ code: 'TX_NOT_ALLOWED' });

    // n-of-n ceremony: each trustee posts its key; a key posted by the wrong trustee, a bad proof,
    // an outsider and a k-of-n record are refused.
    const ctx = h.state().setup!.crypto.context;
    const k1 = createTrusteeKey(G, ctx, 1, rng);
    const k2 = createTrusteeKey(G, ctx, 2, rng);
    const body1 = trusteeKeyToJson(G, k1.publicKey);
    expect(h.attempt(h.tx(TRUSTEES[1]!, 'trustee_key', body1))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    expect(h.attempt(h.tx(OUTSIDER, 'trustee_key', body1))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    const badProof = trusteeKeyToJson(G, {
      ...k2.publicKey,
      proof: createTrusteeKey(G, ctx, 2, rng).publicKey.proof,
    });
    expect(h.attempt(h.tx(TRUSTEES[1]!, 'trustee_key', badProof))).toMatchObject({ code: 'KEY_INVALID' });
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'trustee_announcement', body1))).toMatchObject({
      code: 'TX_NOT_ALLOWED',
    });
    await h.post(
      h.tx(TRUSTEES[0]!, 'trustee_key', body1),
      h.tx(TRUSTEES[1]!, 'trustee_key', trusteeKeyToJson(G, k2.publicKey)),
    );
    expect(h.view().ceremony?.phase).toBe('done');
    expect(h.view().ceremony?.kind).toBe('product');

    // Token counts: registrar only, growing, this mode only.
    const issued = (n: number) => tokenIssuedToJson(createTokenIssued(ed, REGISTRAR.sk, fp, n));
    expect(h.attempt(h.tx(OUTSIDER, 'token_issued', issued(3)))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    expect(h.attempt(h.tx(REGISTRAR, 'voter_keys', issued(3)))).toMatchObject({
      code: 'ELIGIBILITY_INVALID',
    });
    await h.post(h.tx(REGISTRAR, 'token_issued', issued(3)));
    expect(h.attempt(h.tx(REGISTRAR, 'token_issued', issued(2)))).toMatchObject({
      code: 'ELIGIBILITY_INVALID',
    });
    expect(h.view().eligibility).toEqual({ mode: 'blind-tokens', tokensIssued: 3 });

    // Voting: any box; a token for another key and a missing token are refused.
    h.clock = OPENS;
    const tokens = await Promise.all(voters.map((v) => token(v.pk)));
    const cast = (i: number, p: ReturnType<typeof plain>) =>
      unwrap(createCast(h.key().cast, { voterSecret: voters[i]!.sk, plaintext: p, token: tokens[i]! }, rng));
    const first = cast(0, plain(0, true, [0]));
    const second = cast(0, plain(4, false, [3])); // anon1 changes its mind: "last" counts
    const b1 = cast(1, plain(1, true, [1]));
    const b2 = cast(2, plain(1, false, [1, 2]));
    const b3 = cast(3, plain(2, true, [2]));
    const stolen = unwrap(
      createCast(
        h.key().cast,
        { voterSecret: voters[1]!.sk, plaintext: plain(0, true, [0]), token: tokens[0]! },
        rng,
      ),
    );
    const untokened = unwrap(
      createCast(h.key().cast, { voterSecret: voters[1]!.sk, plaintext: plain(0, true, [0]) }, rng),
    );
    expect(h.attempt(h.attest(BOXES[0]!, stolen))).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(h.attempt(h.attest(BOXES[0]!, untokened))).toMatchObject({ code: 'CAST_INVALID' });
    await h.post(
      h.attest(BOXES[0]!, first),
      h.attest(BOXES[1]!, first),
      h.attest(BOXES[2]!, b1),
      h.attest(BOXES[0]!, b2),
    );
    await h.post(h.attest(BOXES[0]!, second), h.attest(BOXES[2]!, b3));
    let v = h.view();
    expect(v.ballots.map((x) => x.verdict)).toEqual([
      'superseded',
      'superseded',
      'counted',
      'counted',
      'counted',
      'counted',
    ]);
    // Four keys voted with three tokens announced: the count check warns until the registrar catches up.
    expect(v.warnings.join()).toMatch(
      /ELIGIBILITY_INVALID: 4 voting keys hold tokens but only 3 were issued/,
    );
    await h.post(h.tx(REGISTRAR, 'token_issued', issued(4)));
    expect(h.view().warnings).toEqual([]);

    // Automatic close by anyone at closes_at; both trustees decrypt (n-of-n needs every share).
    await h.block([h.tx(OUTSIDER, 'close', { election: fp })], CLOSES);
    v = h.view();
    expect(v.phase).toBe('closed');
    const tally = h.state().closing!.tally as EncryptedTally<Ciphertext<Uint8Array>>;
    await h.post(
      h.tx(TRUSTEES[0]!, 'partial_decryption', partialDecryptionBody(G, fp, tally, 1, k1.sk, rng)),
    );
    expect(h.view().phase).toBe('decrypting');
    await h.post(
      h.tx(TRUSTEES[1]!, 'partial_decryption', partialDecryptionBody(G, fp, tally, 2, k2.sk, rng)),
    );
    v = h.view();
    expect(v.phase).toBe('done');
    expect(v.results && resultsToJson(v.results)).toEqual({
      questions: [
        {
          id: 'chair',
          counts: [
            ['ada', 0n],
            ['bo', 2n],
            ['cy', 1n],
            ['di', 0n],
            ['eve', 1n],
          ],
        },
        {
          id: 'budget',
          counts: [
            ['yes', 2n],
            ['no', 2n],
          ],
        },
        {
          id: 'board',
          counts: [
            ['f', 0n],
            ['g', 2n],
            ['h', 2n],
            ['i', 1n],
          ],
        },
      ],
    });
    await h.post(h.tx(REGISTRAR, 'result', lunwrap(resultBody(h.state()))));
    const f = electionState(env, h.ledger.genesis, h.ledger.mainChain().slice(1));
    expect(f.refused).toEqual([]);
    expect(f.state.results).toEqual(v.results);
    expect(f.state.result?.txId).toBe(h.view().result?.txId);
  });
});
