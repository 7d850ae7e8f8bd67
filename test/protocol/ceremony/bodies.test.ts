import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import type { Group } from '../../../src/crypto/group/group.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { unwrap } from '../../../src/crypto/result.js';
import {
  type CeremonyState,
  ceremonyState,
  complaintBodyFromJson,
  complaintBodyToJson,
  readyBodyFromJson,
  sharesBodyFromJson,
  signerOf,
} from '../../../src/protocol/ceremony/index.js';
import { seededRng } from '../../support/rng.js';
import { badShare, type Run, runCeremony } from './helpers.js';

type E = Uint8Array;
let G: Group<E>;
const ctx = { fingerprint: '56'.repeat(32) };
const rng = seededRng('ceremony-bodies');
let run: Run<E>;

beforeAll(async () => {
  G = await loadFastRistretto();
  run = runCeremony(G, ctx, { n: 3, k: 2 }, rng, { tamper: badShare(G, 2, 3) });
});

const bodyOf = (type: string): JsonObject => run.records.find((r) => r.type === type)!.body as JsonObject;

describe('record bodies', () => {
  it('round trip and reject extra or missing keys', () => {
    const cases: [string, (v: unknown) => { ok: boolean }][] = [
      ['trustee_shares', (v) => sharesBodyFromJson(G, v)],
      ['trustee_complaint', (v) => complaintBodyFromJson(G, v)],
      ['trustee_ready', (v) => readyBodyFromJson(G, v)],
    ];
    for (const [type, decode] of cases) {
      const body = bodyOf(type);
      expect(decode(body).ok).toBe(true);
      expect(decode({ ...body, extra: 0 }).ok).toBe(false);
      for (const key of Object.keys(body)) {
        const { [key]: _, ...rest } = body;
        expect(decode(rest).ok).toBe(false);
      }
      expect(decode({ ...body, trustee: 0 }).ok).toBe(false);
      expect(decode(null).ok).toBe(false);
    }
  });

  it('dealings list recipients in increasing order, all from the dealer', () => {
    const body = bodyOf('trustee_shares');
    const shares = body.shares as JsonObject[];
    expect(sharesBodyFromJson(G, { ...body, shares: [...shares].reverse() }).ok).toBe(false);
    expect(sharesBodyFromJson(G, { ...body, shares: [shares[0]!, shares[0]!] }).ok).toBe(false);
    expect(sharesBodyFromJson(G, { ...body, trustee: (body.trustee as number) + 1 }).ok).toBe(false);
  });

  it('complaints are by the record trustee, against distinct other dealers', () => {
    const c = run.records.find((r) => r.type === 'trustee_complaint' && r.signer === 3)!;
    const b = unwrap(complaintBodyFromJson(G, c.body));
    expect(b.complaints.map((x) => x.from)).toEqual([2]);
    const twice = complaintBodyToJson(G, { ...b, complaints: [b.complaints[0]!, b.complaints[0]!] });
    expect(complaintBodyFromJson(G, twice).ok).toBe(false);
    expect(complaintBodyFromJson(G, { ...(c.body as JsonObject), trustee: 1 }).ok).toBe(false);
  });
});

describe('robustness of the state machine', () => {
  const summary = (s: CeremonyState<E>) => ({
    phase: s.phase,
    qualified: s.qualified,
    disqualified: s.disqualified,
    pk: s.jointPublicKey === undefined ? null : G.encode(s.jointPublicKey),
    verdicts: s.complaints.map((c) => [c.complainer, c.dealer, c.verdict]),
  });

  it('records never change the outcome when they are junk, or repeats of counted records', () => {
    const expected = summary(run.state);
    expect(expected.disqualified).toEqual([{ trustee: 2, reason: 'justified-complaint', by: 3 }]);
    const types = [
      'trustee_announcement',
      'trustee_shares',
      'trustee_complaint',
      'trustee_ready',
      'trustee_key',
      'x',
    ];
    const junk = fc.record({
      type: fc.constantFrom(...types),
      body: fc.oneof(
        fc.jsonValue().map((v) => v as JsonValue),
        fc.constantFrom(...run.records.map((r) => r.body)),
      ),
      signer: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(run.records.length), junk), { maxLength: 6 }), (inserts) => {
        const records = [...run.records];
        // Junk goes after the first copy of each record, so first-counts keeps every honest record.
        for (const [at, r] of inserts.sort((a, b) => b[0] - a[0])) {
          const same = records.findIndex((x) => x.body === r.body);
          records.splice(Math.max(at, same + 1), 0, r);
        }
        const s = ceremonyState(G, ctx, { n: 3, k: 2 }, records);
        expect(summary(s)).toEqual(expected);
        expect(s.errors.length).toBe(inserts.length); // each junk record is named once
      }),
      { numRuns: 40 },
    );
  });
});

describe('signerOf', () => {
  it('maps an author key to its member index, or null', () => {
    const members = [
      { index: 1, key: 'aa'.repeat(32) },
      { index: 2, key: 'bb'.repeat(32) },
    ];
    expect(signerOf(members, 'BB'.repeat(32))).toBe(2);
    expect(signerOf(members, 'cc'.repeat(32))).toBeNull();
  });
});
