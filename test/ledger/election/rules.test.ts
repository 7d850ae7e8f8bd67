/**
 * The election rules one by one: genesis conventions, the `election` transaction, refusals before the
 * election exists, body checks of every type, ceremony deadlines with an absent trustee and a failed
 * ceremony, the cast cache, and offline verification of an exported election ledger.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { announcementToJson, createAnnouncement } from '../../../src/crypto/threshold/announcement.js';
import {
  CastCache,
  ceremonyDeadlines,
  type ElectionEnv,
  electionRegistry,
  emptyHexMap,
  hexGet,
  hexSet,
  pAppend,
  pToArray,
} from '../../../src/ledger/election/index.js';
import { exportAuthority } from '../../../src/ledger/export/export.js';
import { verifyExport } from '../../../src/ledger/export/verify.js';
import type { CeremonyState } from '../../../src/protocol/ceremony/threshold-types.js';
import { electionToJson } from '../../../src/protocol/election/write.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import { seededRng } from '../../support/rng.js';
import {
  BOXES,
  CLOSES,
  definition,
  ed,
  Harness,
  OPENS,
  OUTSIDER,
  person,
  plain,
  REGISTRAR,
  runThresholdCeremony,
  T0,
  TRUSTEES,
  VOTERS,
} from './harness.js';

const G = await loadFastRistretto();
const rng = seededRng('election-ledger-rules');
const env = (): ElectionEnv => ({ ed, groups: { ristretto255: G }, cache: new CastCache() });
const def = definition();
const json = electionToJson(def);

describe('genesis and the election transaction', () => {
  it('a genesis without registrar or election runs no election', async () => {
    const h = await Harness.create(env(), def);
    // Build a second ledger whose genesis names nobody, through the state directly.
    const registry = electionRegistry(env());
    const s = registry.initial({ ...h.ledger.genesis, content: { profile: 'authority' } });
    expect(s.genesisProblem).toMatch(/no election and no registrar/);
    const bad = registry.initial({ ...h.ledger.genesis, content: { election: { id: 'x' } } });
    expect(bad.genesisProblem).toMatch(/^genesis election: ELECTION_INVALID/);
    const other = registry.initial({
      ...h.ledger.genesis,
      content: { election: json, registrar: OUTSIDER.pk },
    });
    expect(other.genesisProblem).toMatch(/not the registrar of its election/);
    expect(
      registry
        .rule('ballot')!
        .allowed(s, h.tx(BOXES[0]!, 'ballot', { box: 'box-a', cast: {}, receipt: {} }), {
          genesis: h.ledger.genesis,
          height: 1,
          time: T0,
        }),
    ).toMatchObject({
      code: 'TX_NOT_ALLOWED',
    });
  });

  it('refuses bad definitions, definitions for another ledger, and every election transaction before it', async () => {
    const h = await Harness.create(env(), def);
    const cases: [string, ReturnType<Harness['tx']>, string][] = [
      ['not an object', h.tx(REGISTRAR, 'election', [1]), 'ELECTION_INVALID'],
      ['missing fields', h.tx(REGISTRAR, 'election', { id: 'x' }), 'ELECTION_INVALID'],
      [
        'bad manifest',
        h.tx(REGISTRAR, 'election', { ...json, manifest: { title: 'x', questions: [] } }),
        'MANIFEST_INVALID',
      ],
      [
        'other hardness than the genesis',
        h.tx(REGISTRAR, 'election', electionToJson(definition({ hardness: 3 }))),
        'ELECTION_INVALID',
      ],
      [
        'another registrar',
        h.tx(REGISTRAR, 'election', electionToJson(definition({ registrar: OUTSIDER.pk }))),
        'ELECTION_INVALID',
      ],
      ['not the registrar', h.tx(OUTSIDER, 'election', json), 'TX_NOT_ALLOWED'],
      [
        'modp without a backend',
        h.tx(REGISTRAR, 'election', electionToJson(definition({ scheme: 'elgamal-modp2048' }))),
        'PARAMETER_INVALID',
      ],
      ['voter_keys first', h.tx(REGISTRAR, 'voter_keys', {}), 'TX_NOT_ALLOWED'],
      ['token_issued first', h.tx(REGISTRAR, 'token_issued', {}), 'TX_NOT_ALLOWED'],
      ['ceremony first', h.tx(TRUSTEES[0]!, 'trustee_announcement', {}), 'TX_NOT_ALLOWED'],
      ['close first', h.tx(REGISTRAR, 'close', { election: 'ab'.repeat(32) }), 'TX_NOT_ALLOWED'],
      ['result first', h.tx(REGISTRAR, 'result', {}), 'TX_NOT_ALLOWED'],
      ['audit first', h.tx(OUTSIDER, 'audit', {}), 'TX_NOT_ALLOWED'],
      ['decryption first', h.tx(TRUSTEES[0]!, 'partial_decryption', {}), 'TX_NOT_ALLOWED'],
    ];
    for (const [what, tx, code] of cases) {
      const r = h.attempt(tx);
      expect([what, r.ok ? 'allowed' : r.code]).toEqual([what, code]);
    }
    const r = await h.block([h.tx(OUTSIDER, 'election', json)]);
    expect(r).toMatchObject({ ok: false, code: 'TX_NOT_ALLOWED' });
  });

  it('checks the body shape of every type before anything else', async () => {
    const h = await Harness.create(env(), def, true);
    const cases: [string, unknown, string][] = [
      ['ballot', 1, 'CAST_INVALID'],
      ['ballot', { box: 'box-a', cast: {}, receipt: {}, extra: 1 }, 'CAST_INVALID'],
      ['ballot', { box: 'not an id!', cast: {}, receipt: {} }, 'CAST_INVALID'],
      ['close', {}, 'ELECTION_INVALID'],
      ['close', { election: 'AB' }, 'ELECTION_INVALID'],
      ['result', [], 'TX_INVALID'],
      ['audit', 1, 'AUDIT_INVALID'],
      ['voter_keys', 'x', 'ELIGIBILITY_INVALID'],
      ['token_issued', null, 'ELIGIBILITY_INVALID'],
      ['trustee_shares', 1, 'TX_INVALID'],
      ['partial_decryption', 1, 'DECRYPTION_INVALID'],
      ['paillier_decryption', [], 'DECRYPTION_INVALID'],
    ];
    for (const [type, body, code] of cases) {
      const r = h.attempt(h.tx(TRUSTEES[0]!, type, body as JsonObject));
      expect([type, r.ok ? 'allowed' : r.code]).toEqual([type, code]);
    }
    expect(h.attempt(h.tx(OUTSIDER, 'vote', {}))).toMatchObject({ code: 'TX_TYPE_UNKNOWN' });
  });
});

describe('ceremony records', () => {
  it('a malformed body keeps its decoder code; a bad announcement and a record naming another trustee are refused', async () => {
    const h = await Harness.create(env(), def, true);
    const ctx = h.state().setup!.crypto.context;
    const params = { n: 3, k: 2 };
    const malformed = h.attempt(h.tx(TRUSTEES[0]!, 'trustee_announcement', { trustee: 1 }));
    expect(malformed.ok ? '' : `${malformed.code} ${malformed.message}`).toMatch(
      /^ENCODING_INVALID RECORD_MALFORMED \(trustee 1\)/,
    );
    const a1 = announcementToJson(G, createAnnouncement(G, ctx, params, 1, rng).announcement);
    const other = announcementToJson(
      G,
      createAnnouncement(G, { fingerprint: 'ab'.repeat(32) }, params, 1, rng).announcement,
    );
    const bad = h.attempt(h.tx(TRUSTEES[0]!, 'trustee_announcement', other));
    expect(bad.ok ? '' : `${bad.code} ${bad.message}`).toMatch(
      /^TX_NOT_ALLOWED ANNOUNCEMENT_INVALID \(trustee 1\)/,
    );
    const named = h.attempt(h.tx(TRUSTEES[1]!, 'trustee_announcement', a1));
    expect(named.ok ? '' : `${named.code} ${named.message}`).toMatch(
      /^TX_NOT_ALLOWED RECORD_SIGNER \(trustee 2\)/,
    );
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'trustee_shares', { trustee: 1, shares: [] }))).toMatchObject({
      code: 'TX_NOT_ALLOWED',
      message: expect.stringMatching(/^RECORD_EARLY/),
    });
    await h.post(h.tx(TRUSTEES[0]!, 'trustee_announcement', a1));
    expect(h.view().ceremony?.phase).toBe('announcing');
  });
});

describe('ceremony deadlines', () => {
  it('are the quarters between the definition and the opening', () => {
    expect(ceremonyDeadlines(def, T0)).toEqual({
      announce: T0 + 25_000,
      deal: T0 + 50_000,
      complain: T0 + 75_000,
    });
    expect(ceremonyDeadlines(def, OPENS + 5)).toEqual({ announce: OPENS, deal: OPENS, complain: OPENS });
  });

  it('an absent trustee delays the ceremony; the two others still make the key and decrypt', async () => {
    const h = await Harness.create(env(), def, true);
    h.step = 15_000; // blocks at 15 s intervals: each phase closes at its deadline, records land before the next
    await runThresholdCeremony(h, G, rng, [3]);
    const setup = h.state().setup!;
    const detail = setup.crypto.ceremony(h.state().ceremony, h.clock).detail as CeremonyState<Uint8Array>;
    expect(detail.phase).toBe('done');
    expect(detail.qualified).toEqual([1, 2]);
    expect(detail.confirmed).toEqual([1, 2]);
    expect(h.clock).toBeLessThan(OPENS);
  });

  it('a ceremony with fewer than k trustees fails, and the election with it', async () => {
    const h = await Harness.create(env(), def, true);
    h.step = 20_000;
    await runThresholdCeremony(h, G, rng, [2, 3]);
    h.step = 1000;
    await h.block([], OPENS);
    const v = h.view();
    expect(v.phase).toBe('failed');
    expect(v.ceremony?.failure).toMatch(/only 1 trustees announced/);
    const fp = h.state().setup!.fingerprint;
    expect(h.attempt(h.tx(REGISTRAR, 'close', { election: fp }))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
  });
});

describe('the cast cache and offline verification', () => {
  it('a block checked by a validator is not checked again when it is added; an export verifies offline', async () => {
    const e = env();
    const h = await Harness.create(e, def, true);
    await runThresholdCeremony(h, G, rng);
    const voters = VOTERS.slice(0, 3);
    const fp = h.state().setup!.fingerprint;
    const record = createVoterKeys(
      ed,
      REGISTRAR.sk,
      fp,
      voters.map((v) => ({ key: v.pk, boxes: ['box-a', 'box-b'] })),
    );
    await h.post(h.tx(REGISTRAR, 'voter_keys', voterKeysToJson(record)));
    h.clock = OPENS;
    const casts = voters.map((v, i) => h.cast(v, plain(i, i % 2 === 0, [i]), rng));
    // Registrar closing before the opening is refused (checked at a time before OPENS).
    expect(h.attempt(h.tx(REGISTRAR, 'close', { election: fp }), OPENS - 10)).toMatchObject({
      code: 'TX_NOT_ALLOWED',
    });
    const txs = casts.flatMap((c) => [h.attest(BOXES[0]!, c), h.attest(BOXES[1]!, c)]);
    const cache = e.cache!;
    const before = { hits: cache.hits, misses: cache.misses };
    // A validator's review, then the same block added: 3 distinct casts, each checked once.
    const { searchNonceSync } = await import('../../../src/ledger/pow.js');
    const { txJson } = await import('../../../src/ledger/authority/tx.js');
    const { blockJson } = await import('../../../src/ledger/block.js');
    const head = h.ledger.head();
    const mined = searchNonceSync(
      {
        parent_id: head.id,
        miner_name: 'm',
        content: { height: head.height + 1, time: OPENS + 1000, txs: txs.map(txJson) },
      },
      0,
    );
    if (!mined.ok) throw new Error(mined.message);
    h.clock = OPENS + 1000;
    expect(h.ledger.validate(blockJson(mined.value)).ok).toBe(true);
    expect(cache.misses - before.misses).toBe(3);
    expect((await h.ledger.addBlock(blockJson(mined.value))).ok).toBe(true);
    expect(cache.misses - before.misses).toBe(3);
    expect(cache.hits - before.hits).toBeGreaterThanOrEqual(6);
    // The same transaction on the same state is judged again at another block time.
    expect(h.attempt(txs[0]!, OPENS + 2000).ok).toBe(true);
    expect(h.attempt(txs[0]!, CLOSES)).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    // The exported ledger verifies offline with the election rules (a fresh cache: every cast re-checked).
    await h.post(h.tx(REGISTRAR, 'close', { election: fp }));
    const v = verifyExport(exportAuthority(h.ledger), { ed, registry: electionRegistry(env()) });
    expect(v).toMatchObject({ ok: true, rulesChecked: true });
  });
});

describe('persistent structures', () => {
  it('the hex map behaves like a Map and never changes older versions', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{8}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(hex, fc.integer()), { maxLength: 200 }), (ops) => {
        let m = emptyHexMap<number>();
        const ref = new Map<string, number>();
        const versions: [typeof m, Map<string, number>][] = [];
        for (const [k, v] of ops) {
          versions.push([m, new Map(ref)]);
          m = hexSet(m, k, v);
          ref.set(k, v);
        }
        expect(m.size).toBe(ref.size);
        for (const [k, v] of ref) expect(hexGet(m, k)).toBe(v);
        for (const [old, snapshot] of versions) {
          expect(old.size).toBe(snapshot.size);
          for (const [k] of ref) expect(hexGet(old, k)).toBe(snapshot.get(k));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('the persistent list keeps every version', () => {
    const a = pAppend(undefined, 1);
    const b = pAppend(a, 2);
    const c = pAppend(a, 3);
    expect([pToArray(a), pToArray(b), pToArray(c), pToArray(undefined)]).toEqual([[1], [1, 2], [1, 3], []]);
    expect(person('x').pk).toHaveLength(64);
  });
});
