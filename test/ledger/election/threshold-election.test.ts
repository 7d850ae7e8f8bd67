/**
 * A whole 2-of-3 ElGamal (ristretto255) election through the election transactions on an in-memory
 * authority ledger: the registrar defines it, three trustees run the ceremony by records, the registrar
 * publishes eligible keys, three boxes attest ballots (one drops a ballot, one holds another version and
 * is outvoted, one alters a ballot and is refused), a voter votes twice under `once`, another audits a
 * ballot, the registrar closes, two trustees decrypt (the third is offline, one wrong share is refused and
 * named), and the result matches the intended votes — on the node's incremental state and on a fresh fold.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ciphertext } from '../../../src/crypto/elgamal.js';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../../src/crypto/encoding/hash.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { unwrap } from '../../../src/crypto/result.js';
import { signJson } from '../../../src/crypto/sig/signed-json.js';
import {
  ballotBody,
  CastCache,
  type ElectionEnv,
  electionState,
  resultBody,
  trackerStatus,
} from '../../../src/ledger/election/index.js';
import { createAudit } from '../../../src/protocol/cast/audit.js';
import { CAST_DOMAIN, castToJson } from '../../../src/protocol/cast/cast.js';
import { createReceipt, receiptToJson } from '../../../src/protocol/cast/receipt.js';
import { partialDecryptionBody } from '../../../src/protocol/ceremony/decryption.js';
import type { CeremonyState } from '../../../src/protocol/ceremony/threshold-types.js';
import { secretShare, type TrusteeKeys } from '../../../src/protocol/ceremony/trustee.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import { resultsToJson } from '../../../src/protocol/results.js';
import type { EncryptedTally } from '../../../src/protocol/tally.js';
import { seededRng } from '../../support/rng.js';
import {
  BOXES,
  CLOSES,
  definition,
  Harness,
  lunwrap,
  OPENS,
  OUTSIDER,
  plain,
  REGISTRAR,
  runThresholdCeremony,
  TRUSTEES,
  VOTERS,
} from './harness.js';

const G = await loadFastRistretto();
const rng = seededRng('election-ledger-threshold');
const env: ElectionEnv = {
  ed: (await import('./harness.js')).ed,
  groups: { ristretto255: G },
  cache: new CastCache(),
};
const def = definition();
const [a, b, c] = BOXES as [(typeof BOXES)[0], (typeof BOXES)[0], (typeof BOXES)[0]];
const [ana, ben, cleo, dan, eli, fay] = VOTERS as [
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
];

let h: Harness;
let trusteeKeys: TrusteeKeys<Uint8Array>[];
let auditRecord: JsonObject;

beforeAll(async () => {
  h = await Harness.create(env, def);
});

describe('a 2-of-3 election on the ledger', () => {
  it('the registrar defines the election; nobody else can, and only once', async () => {
    expect(h.view().phase).toBe('setup');
    const json = (await import('../../../src/protocol/election/write.js')).electionToJson(def);
    expect(h.attempt(h.tx(OUTSIDER, 'election', json))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    await h.post(h.tx(REGISTRAR, 'election', json));
    expect(h.view().phase).toBe('ceremony');
    expect(h.view().fingerprint).toBe(h.state().setup!.fingerprint);
    expect(h.attempt(h.tx(REGISTRAR, 'election', json))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
  });

  it('three trustees run the ceremony by records; outsiders, repeats and late records are refused', async () => {
    trusteeKeys = await runThresholdCeremony(h, G, rng);
    const v = h.view();
    expect(v.ceremony?.phase).toBe('done');
    expect((v.ceremony?.detail as CeremonyState<Uint8Array>).qualified).toEqual([1, 2, 3]);
    const ann = h.state().ceremony[0]!;
    expect(h.attempt(h.tx(OUTSIDER, ann.type, ann.body))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    const late = h.attempt(h.tx(TRUSTEES[0]!, ann.type, ann.body));
    expect(late).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    expect(late.ok ? '' : late.message).toMatch(/^RECORD_LATE \(trustee 1\)/);
    const ready = h.state().ceremony.find((r) => r.type === 'trustee_ready')!;
    const again = h.attempt(h.tx(TRUSTEES[ready.signer! - 1]!, ready.type, ready.body));
    expect(again.ok ? '' : again.message).toMatch(/^RECORD_DUPLICATE/);
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'trustee_key', {}))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'paillier_key', {}))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
  });

  it('the registrar publishes the eligible keys', async () => {
    const all = ['box-a', 'box-b', 'box-c'];
    const record = createVoterKeys(env.ed, REGISTRAR.sk, h.state().setup!.fingerprint, [
      { key: ana.pk, boxes: all },
      { key: ben.pk, boxes: all },
      { key: cleo.pk, boxes: all },
      { key: dan.pk, boxes: all },
      { key: eli.pk, boxes: ['box-a', 'box-b'] },
    ]);
    const body = voterKeysToJson(record);
    expect(h.attempt(h.tx(OUTSIDER, 'voter_keys', body))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    expect(h.attempt(h.tx(REGISTRAR, 'token_issued', body))).toMatchObject({ code: 'ELIGIBILITY_INVALID' });
    await h.post(h.tx(REGISTRAR, 'voter_keys', body));
    expect(h.view().eligibility).toEqual({ mode: 'identity-keys', eligibleKeys: 5 });
    expect(h.attempt(h.tx(REGISTRAR, 'voter_keys', body))).toMatchObject({ code: 'ELIGIBILITY_INVALID' });
  });

  it('boxes attest ballots while voting is open; every bad attestation is refused with its code', async () => {
    const a0 = h.cast(ana, plain(0, true, [0]), rng);
    // Before the opening.
    expect(h.attempt(h.attest(a, a0), OPENS - 1)).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    h.clock = OPENS;
    const b1 = h.cast(ben, plain(1, false, [1, 2]), rng);
    const c2 = h.cast(cleo, plain(2, true, [3]), rng);
    // Cleo's client made a second version of the same ballot id (same key): box c holds that one.
    const c2b = h.cast(cleo, plain(4, true, [3]), rng, c2.cast.ballot_id);
    const d3 = h.cast(dan, plain(3, true, [0, 1]), rng);
    const d3again = h.cast(dan, plain(4, false, [2]), rng);
    const eSpoiled = h.cast(eli, plain(1, true, [1]), rng);
    const e4 = h.cast(eli, plain(0, false, [2]), rng);
    const fay5 = h.cast(fay, plain(0, true, [0]), rng);
    // Eli audits one ballot (anyone may post the audit) and casts another.
    const audit = createAudit(h.key().cast, eli.sk, eSpoiled.cast, eSpoiled.secrets);
    auditRecord = audit;
    await h.post(
      h.attest(a, a0),
      h.attest(b, a0),
      h.attest(c, a0),
      h.attest(a, b1),
      h.attest(b, b1), // box c drops Ben's ballot
      h.attest(a, c2),
      h.attest(b, c2),
      h.attest(c, c2b), // outvoted by a and b
      h.attest(a, d3),
      h.attest(c, d3),
      h.tx(OUTSIDER, 'audit', audit),
    );
    await h.post(h.attest(b, d3again), h.attest(a, e4), h.attest(b, e4), h.attest(a, a0, OPENS + 5));

    // Refusals.
    const altered = structuredClone(castToJson(b1.cast)) as JsonObject;
    const qs = (altered.ballot as { questions: { selections: JsonObject[] }[] }).questions;
    [qs[0]!.selections[0], qs[0]!.selections[1]] = [qs[0]!.selections[1]!, qs[0]!.selections[0]!];
    // Box c gives itself a receipt for the altered cast: the voter's signature no longer verifies.
    const alteredReceipt = createReceipt(env.ed, c.sk, {
      tracker: hashJsonHex(altered),
      box: 'box-c',
      received_at: OPENS,
    });
    const alteredTx = h.tx(c, 'ballot', ballotBody('box-c', altered, receiptToJson(alteredReceipt)));
    const wrongProof = h.cast(ben, plain(1, false, [1, 2]), rng);
    const cases: [string, ReturnType<Harness['attest']>, string][] = [
      ['altered by box c', alteredTx, 'SIGNATURE_INVALID'],
      ['dan again through box a (once)', h.attest(a, d3again), 'DOUBLE_VOTE'],
      ['another version of a ballot id through the same box', h.attest(a, c2b), 'CAST_INVALID'],
      ['not eligible', h.attest(a, fay5), 'NOT_ELIGIBLE'],
      ['box not assigned to eli', h.attest(c, e4), 'NOT_ELIGIBLE'],
      ['an audited ballot', h.attest(b, eSpoiled), 'CAST_INVALID'],
      ['box key of another box', h.tx(b, 'ballot', h.attest(a, b1).body), 'TX_NOT_ALLOWED'],
      [
        'box not allow-listed',
        h.tx(OUTSIDER, 'ballot', { ...(h.attest(a, b1).body as JsonObject), box: 'box-z' }),
        'TX_NOT_ALLOWED',
      ],
      [
        'receipt of another tracker',
        h.tx(a, 'ballot', {
          ...(h.attest(a, b1).body as JsonObject),
          receipt: (h.attest(a, a0).body as JsonObject).receipt!,
        }),
        'RECEIPT_INVALID',
      ],
      [
        'receipt signed by another box',
        h.tx(a, 'ballot', {
          ...(h.attest(a, b1).body as JsonObject),
          receipt: (h.attest(b, b1).body as JsonObject).receipt!,
        }),
        'RECEIPT_INVALID',
      ],
      ['receipt before the opening', h.attest(a, wrongProof, OPENS - 1), 'RECEIPT_INVALID'],
      ['body shape', h.tx(a, 'ballot', { box: 'box-a', cast: {} }), 'CAST_INVALID'],
      [
        'cast shape',
        h.tx(a, 'ballot', { ...(h.attest(a, b1).body as JsonObject), cast: { x: 1 } }),
        'CAST_INVALID',
      ],
    ];
    // A cast the voter signed over a proof that does not check (the proof of another ciphertext).
    const bad = structuredClone(castToJson(wrongProof.cast)) as JsonObject;
    type Qs = { questions: { selections: { proof: JsonObject }[] }[] };
    (bad.ballot as Qs).questions[0]!.selections[0]!.proof = (castToJson(b1.cast).ballot as Qs).questions[0]!
      .selections[1]!.proof;
    const { sig: _sig, ...payload } = bad;
    const resigned = { ...payload, sig: signJson(env.ed, ben.sk, CAST_DOMAIN, payload) };
    // Through box c, which holds no ballot of Ben (so its own rule lets the cast reach the proof check).
    const receipt = createReceipt(env.ed, c.sk, {
      tracker: hashJsonHex(resigned),
      box: 'box-c',
      received_at: OPENS,
    });
    cases.push([
      'a proof that does not check',
      h.tx(c, 'ballot', ballotBody('box-c', resigned, receiptToJson(receipt))),
      'PROOF_INVALID',
    ]);
    for (const [what, tx, code] of cases) {
      const r = h.attempt(tx);
      expect([what, r.ok ? 'allowed' : r.code]).toEqual([what, code]);
    }
    // The same refusal through a block: the whole block is refused and names the transaction.
    const r = await h.block([h.attest(a, d3again)]);
    expect(r).toMatchObject({ ok: false, code: 'DOUBLE_VOTE' });
    expect(r.ok ? '' : r.message).toMatch(/^txs\[0\]/);

    // Verdicts so far, in ledger order.
    const v = h.view();
    expect(v.phase).toBe('open');
    expect(v.ballots.map((x) => x.verdict)).toEqual([
      'counted',
      'same-version',
      'same-version',
      'counted',
      'same-version',
      'counted',
      'same-version',
      'outvoted',
      'counted',
      'same-version',
      'double-vote',
      'counted',
      'same-version',
      'repeat-box',
    ]);
    expect(v.audits.map((x) => x.voter_key)).toEqual([eli.pk]);
    // What a voter checking a receipt learns.
    expect(trackerStatus(v, a0.tracker)).toMatchObject({ counted: true, spoiled: false });
    expect(trackerStatus(v, a0.tracker).records.map((x) => x.box)).toEqual([
      'box-a',
      'box-b',
      'box-c',
      'box-a',
    ]);
    expect(trackerStatus(v, c2b.tracker)).toMatchObject({
      counted: false,
      records: [{ verdict: 'outvoted' }],
    });
    expect(trackerStatus(v, eSpoiled.tracker)).toMatchObject({ counted: false, spoiled: true, records: [] });
    expect(v.counted.map((x) => x.boxes)).toEqual([
      ['box-a', 'box-b', 'box-c'],
      ['box-a', 'box-b'],
      ['box-a', 'box-b'],
      ['box-a', 'box-c'],
      ['box-a', 'box-b'],
    ]);
  });

  it('audits: a second audit of a ballot, a malformed one and a forged one are refused', () => {
    expect(h.attempt(h.tx(eli, 'audit', auditRecord))).toMatchObject({ code: 'AUDIT_INVALID' });
    expect(h.attempt(h.tx(OUTSIDER, 'audit', { cast: {}, secrets: {}, sig: '00' }))).toMatchObject({
      code: 'AUDIT_INVALID',
    });
    const forged = {
      ...auditRecord,
      sig: (auditRecord.sig as string).replace(/^./, (x) => (x === '0' ? '1' : '0')),
    };
    expect(h.attempt(h.tx(OUTSIDER, 'audit', forged))).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(h.state().audits?.size).toBe(1);
  });

  it('the registrar closes; ballots, audits and eligibility after the close are refused', async () => {
    const fp = h.state().setup!.fingerprint;
    expect(h.attempt(h.tx(OUTSIDER, 'close', { election: fp }))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    expect(h.attempt(h.tx(OUTSIDER, 'close', { election: fp }), CLOSES).ok).toBe(true); // automatic close
    expect(h.attempt(h.tx(REGISTRAR, 'close', { election: 'ab'.repeat(32) }))).toMatchObject({
      code: 'ELECTION_INVALID',
    });
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'partial_decryption', {}))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    await h.post(h.tx(REGISTRAR, 'close', { election: fp }));
    const v = h.view();
    expect(v.phase).toBe('closed');
    expect(v.tally).toBeDefined();
    expect(h.attempt(h.tx(REGISTRAR, 'close', { election: fp }))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    const late = h.cast(ana, plain(0, true, [0]), rng);
    expect(h.attempt(h.attest(a, late))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    expect(h.attempt(h.tx(REGISTRAR, 'result', {}))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
  });

  it('two trustees decrypt (the third is offline); a wrong share is refused and names its trustee', async () => {
    const s = h.state();
    const setup = s.setup!;
    const detail = s.ceremonyView!.detail as CeremonyState<Uint8Array>;
    const tally = s.closing!.tally as EncryptedTally<Ciphertext<Uint8Array>>;
    const x = (l: number) =>
      unwrap(secretShare(G, setup.crypto.context, detail, trusteeKeys[l - 1]!.secrets));
    const share = (l: number, xl: bigint) => partialDecryptionBody(G, setup.fingerprint, tally, l, xl, rng);
    const wrong = h.tx(TRUSTEES[1]!, 'partial_decryption', share(2, (x(2) + 1n) % G.q));
    const refused = h.attempt(wrong);
    expect(refused).toMatchObject({ code: 'DECRYPTION_INVALID' });
    expect(refused.ok ? '' : refused.message).toMatch(/trustee 2/);
    expect(h.attempt(h.tx(OUTSIDER, 'partial_decryption', share(2, x(2))))).toMatchObject({
      code: 'TX_NOT_ALLOWED',
    });
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'partial_decryption', share(2, x(2))))).toMatchObject({
      code: 'TX_NOT_ALLOWED',
    });
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'paillier_decryption', {}))).toMatchObject({
      code: 'TX_NOT_ALLOWED',
    });
    await h.post(h.tx(TRUSTEES[0]!, 'partial_decryption', share(1, x(1))));
    expect(h.view().phase).toBe('decrypting');
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'partial_decryption', share(1, x(1))))).toMatchObject({
      code: 'TX_NOT_ALLOWED',
    });
    await h.post(h.tx(TRUSTEES[1]!, 'partial_decryption', share(2, x(2))));
    const v = h.view();
    expect(v.phase).toBe('done');
    expect(v.decryption?.used).toEqual([1, 2]);
    expect(v.results && resultsToJson(v.results)).toEqual({
      questions: [
        {
          id: 'chair',
          counts: [
            ['ada', 2n],
            ['bo', 1n],
            ['cy', 1n],
            ['di', 1n],
            ['eve', 0n],
          ],
        },
        {
          id: 'budget',
          counts: [
            ['yes', 3n],
            ['no', 2n],
          ],
        },
        {
          id: 'board',
          counts: [
            ['f', 2n],
            ['g', 2n],
            ['h', 2n],
            ['i', 1n],
          ],
        },
      ],
    });
  });

  it('the result is posted once, and only as the ledger computes it', async () => {
    const body = lunwrap(resultBody(h.state()));
    const forged = structuredClone(body) as JsonObject;
    (forged.results as { questions: { counts: [string, bigint][] }[] }).questions[0]!.counts[0]![1] = 3n;
    const r = h.attempt(h.tx(REGISTRAR, 'result', forged));
    expect(r).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    expect(r.ok ? '' : r.message).toBe('result.results is not what the ledger computes');
    expect(h.attempt(h.tx(REGISTRAR, 'result', { ...body, decryptions: [] }))).toMatchObject({
      code: 'TX_NOT_ALLOWED',
    });
    await h.post(h.tx(OUTSIDER, 'result', body));
    expect(h.view().result?.author).toBe(OUTSIDER.pk);
    expect(h.attempt(h.tx(REGISTRAR, 'result', body))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    expect(h.view().warnings).toEqual([]);
  });

  it('a fresh fold of the chain (the verifier) checks every transaction again and agrees', () => {
    const cache = new CastCache();
    const chain = h.ledger.mainChain();
    const f = electionState({ ...env, cache }, h.ledger.genesis, chain.slice(1));
    expect(f.refused).toEqual([]);
    expect(cache.misses).toBe(7); // each distinct cast checked once: 7 trackers
    expect(f.state.phase).toBe('done');
    expect(f.state.results).toEqual(h.view().results);
    expect(f.state.ballots.map((x) => [x.verdict, x.txId])).toEqual(
      h.view().ballots.map((x) => [x.verdict, x.txId]),
    );
    // A chain with a forged transaction: the fold names it and goes on.
    const blocks = chain.slice(1).map((n) => ({ height: n.height, time: n.time, txs: n.txs }));
    const last = blocks[blocks.length - 1]!;
    blocks[blocks.length - 1] = {
      ...last,
      txs: [h.tx(OUTSIDER, 'close', { election: 'ab'.repeat(32) }), ...last.txs],
    };
    const g = electionState(env, h.ledger.genesis, blocks);
    expect(g.refused.map((r) => [r.height, r.index, r.type, r.code])).toEqual([
      [last.height, 0, 'close', 'ELECTION_INVALID'],
    ]);
    expect(g.state.results).toEqual(h.view().results);
  });
});
