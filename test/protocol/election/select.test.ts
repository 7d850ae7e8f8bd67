import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Attestation, type SelectionRules, selectBallots } from '../../../src/protocol/cast/select.js';

const BOXES = ['b0', 'b1', 'b2', 'b3', 'b4'];
const hex = (c: string) => c.repeat(64);

/** Records over few keys, ballot ids, versions and boxes, so that collisions are frequent. */
const record: fc.Arbitrary<Attestation> = fc.record({
  box: fc.constantFrom(...BOXES, 'intruder'),
  voter_key: fc.constantFrom(hex('a'), hex('b'), hex('c')),
  ballot_id: fc.constantFrom(hex('1'), hex('2'), hex('3')),
  tracker: fc.constantFrom(hex('d'), hex('e'), hex('f')),
});
const records = fc.array(record, { maxLength: 40 });
const policy = fc.constantFrom<'once' | 'last'>('once', 'last');

function rules(revote: 'once' | 'last', spoiled: SelectionRules['spoiled'] = []): SelectionRules {
  return { revote, boxes: BOXES, spoiled };
}

/** The counted ballots as a comparable set. */
function countedSet(rs: readonly Attestation[], r: SelectionRules): string[] {
  return selectBallots(rs, r)
    .counted.map((c) => `${c.voter_key}/${c.ballot_id}/${c.tracker}`)
    .sort();
}

describe('ballot-set selection', () => {
  it('explains every record and counts at most one ballot per voting key', () => {
    fc.assert(
      fc.property(records, policy, (rs, p) => {
        const s = selectBallots(rs, rules(p));
        expect(s.explanations).toHaveLength(rs.length);
        for (const e of s.explanations) expect(e?.verdict).toBeDefined();
        const keys = s.counted.map((c) => c.voter_key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(s.explanations.filter((e) => e.verdict === 'counted')).toHaveLength(s.counted.length);
        for (const c of s.counted) {
          expect(s.explanations[c.record]!.verdict).toBe('counted');
          expect(rs[c.record]!.tracker).toBe(c.tracker);
        }
      }),
    );
  });

  it('does not depend on the order of the records of one version', () => {
    fc.assert(
      fc.property(records, policy, fc.integer(), (rs, p, seed) => {
        // Shuffle, among the positions of each version, the records of that version (allow-listed boxes:
        // an intruder's record is not an attestation, and moving it could move the ballot's first one).
        const byVersion = new Map<string, number[]>();
        rs.forEach((r, i) => {
          if (!BOXES.includes(r.box)) return;
          const k = `${r.voter_key}/${r.ballot_id}/${r.tracker}`;
          byVersion.set(k, [...(byVersion.get(k) ?? []), i]);
        });
        const out = [...rs];
        let x = seed;
        for (const positions of byVersion.values()) {
          const items = positions.map((i) => rs[i]!);
          for (let i = items.length - 1; i > 0; i--) {
            x = (x * 1103515245 + 12345) | 0;
            const j = Math.abs(x) % (i + 1);
            [items[i], items[j]] = [items[j]!, items[i]!];
          }
          positions.forEach((pos, i) => {
            out[pos] = items[i]!;
          });
        }
        expect(selectBallots(out, rules(p)).counted).toEqual(selectBallots(rs, rules(p)).counted);
      }),
    );
  });

  it('does not depend on record order at all when every key casts one ballot id', () => {
    const oneEach = fc.array(record, { maxLength: 30 }).map((rs) =>
      rs.map((r) => ({
        ...r,
        ballot_id: r.voter_key === hex('a') ? hex('1') : r.voter_key === hex('b') ? hex('2') : hex('3'),
      })),
    );
    fc.assert(
      fc.property(oneEach, policy, fc.nat(), (rs, p, turn) => {
        const reversed = [...rs].reverse();
        const k = rs.length === 0 ? 0 : turn % rs.length;
        const rotated = [...rs.slice(k), ...rs.slice(0, k)];
        expect(countedSet(reversed, rules(p))).toEqual(countedSet(rs, rules(p)));
        expect(countedSet(rotated, rules(p))).toEqual(countedSet(rs, rules(p)));
      }),
    );
  });

  it('counts a box attesting the same version twice once', () => {
    fc.assert(
      fc.property(records, fc.nat(), policy, (rs, at, p) => {
        fc.pre(rs.length > 0);
        const i = at % rs.length;
        const doubled = [...rs.slice(0, i + 1), rs[i]!, ...rs.slice(i + 1)];
        expect(countedSet(doubled, rules(p))).toEqual(countedSet(rs, rules(p)));
        const s = selectBallots(doubled, rules(p));
        if (BOXES.includes(rs[i]!.box)) expect(s.explanations[i + 1]!.verdict).toBe('repeat-box');
      }),
    );
  });

  it('never lets a minority altered version win, however many times it is attested', () => {
    const scenario = fc.record({
      honest: fc.uniqueArray(fc.constantFrom(...BOXES), { minLength: 2 }),
      altered: fc.uniqueArray(fc.constantFrom(...BOXES), { minLength: 1 }),
      repeats: fc.integer({ min: 1, max: 5 }),
      seed: fc.integer(),
      alteredTracker: fc.constantFrom(hex('0'), hex('f')),
    });
    fc.assert(
      fc.property(scenario, policy, ({ honest, altered, repeats, seed, alteredTracker }, p) => {
        fc.pre(altered.length < honest.length);
        const base = { voter_key: hex('a'), ballot_id: hex('1') };
        const rs: Attestation[] = [
          ...honest.map((box) => ({ ...base, box, tracker: hex('7') })),
          ...Array.from({ length: repeats }, () =>
            altered.map((box) => ({ ...base, box, tracker: alteredTracker })),
          ).flat(),
          { ...base, box: 'intruder', tracker: alteredTracker },
          { ...base, box: 'intruder', tracker: alteredTracker },
        ];
        // Any order of the records.
        let x = seed;
        for (let i = rs.length - 1; i > 0; i--) {
          x = (x * 1103515245 + 12345) | 0;
          const j = Math.abs(x) % (i + 1);
          [rs[i], rs[j]] = [rs[j]!, rs[i]!];
        }
        const s = selectBallots(rs, rules(p));
        expect(s.counted).toHaveLength(1);
        expect(s.counted[0]!.tracker).toBe(hex('7'));
        expect(s.counted[0]!.boxes).toEqual([...honest].sort());
      }),
    );
  });

  it('breaks a tie by the lowest tracker', () => {
    const base = { voter_key: hex('a'), ballot_id: hex('1') };
    const rs = [
      { ...base, box: 'b0', tracker: hex('9') },
      { ...base, box: 'b1', tracker: hex('3') },
    ];
    const s = selectBallots(rs, rules('once'));
    expect(s.counted.map((c) => c.tracker)).toEqual([hex('3')]);
    expect(s.explanations.map((e) => e.verdict)).toEqual(['outvoted', 'counted']);
  });

  it('applies the revote policy in ledger order of first appearance', () => {
    const k = hex('a');
    const rs: Attestation[] = [
      { box: 'b0', voter_key: k, ballot_id: hex('1'), tracker: hex('d') },
      { box: 'b0', voter_key: k, ballot_id: hex('2'), tracker: hex('e') },
      { box: 'b1', voter_key: k, ballot_id: hex('1'), tracker: hex('d') },
      { box: 'b1', voter_key: k, ballot_id: hex('3'), tracker: hex('f') },
    ];
    const once = selectBallots(rs, rules('once'));
    expect(once.counted.map((c) => c.ballot_id)).toEqual([hex('1')]);
    expect(once.explanations.map((e) => e.verdict)).toEqual([
      'counted',
      'double-vote',
      'same-version',
      'double-vote',
    ]);
    const last = selectBallots(rs, rules('last'));
    expect(last.counted.map((c) => c.ballot_id)).toEqual([hex('3')]);
    expect(last.explanations.map((e) => e.verdict)).toEqual([
      'superseded',
      'superseded',
      'superseded',
      'counted',
    ]);
  });

  it('keeps voters apart even when they use the same ballot id', () => {
    const rs: Attestation[] = [
      { box: 'b0', voter_key: hex('a'), ballot_id: hex('1'), tracker: hex('d') },
      { box: 'b1', voter_key: hex('b'), ballot_id: hex('1'), tracker: hex('e') },
      { box: 'b2', voter_key: hex('b'), ballot_id: hex('1'), tracker: hex('e') },
    ];
    expect(selectBallots(rs, rules('once')).counted).toHaveLength(2);
  });

  it('never counts spoiled, rejected or intruder records', () => {
    fc.assert(
      fc.property(records, policy, fc.array(fc.nat(), { maxLength: 5 }), (rs, p, marks) => {
        const spoiled = rs
          .filter((_, i) => marks.includes(i))
          .map((r) => ({ voter_key: r.voter_key, ballot_id: r.ballot_id }));
        const rejected = rs.map((r, i) => (marks.includes(i + 1) ? { ...r, rejected: 'bad proof' } : r));
        const s = selectBallots(rejected, rules(p, spoiled));
        const isSpoiled = (v: Attestation) =>
          spoiled.some((x) => x.voter_key === v.voter_key && x.ballot_id === v.ballot_id);
        s.explanations.forEach((e, i) => {
          const r = rejected[i]!;
          if (r.rejected) expect(e.verdict).toBe('rejected');
          else if (r.box === 'intruder') expect(e.verdict).toBe('unknown-box');
          else if (isSpoiled(r)) expect(e.verdict).toBe('spoiled');
        });
        // Removing records that cannot count changes nothing.
        const kept = rejected.filter((r) => !r.rejected && r.box !== 'intruder');
        expect(countedSet(kept, rules(p, spoiled))).toEqual(countedSet(rejected, rules(p, spoiled)));
      }),
    );
  });

  it('selects 100,000 records quickly', () => {
    const rs: Attestation[] = [];
    for (let v = 0; v < 33_334; v++) {
      const key = v.toString(16).padStart(64, '0');
      for (const box of ['b0', 'b1', 'b2']) rs.push({ box, voter_key: key, ballot_id: key, tracker: key });
    }
    const t0 = performance.now();
    const s = selectBallots(rs, rules('once'));
    const ms = performance.now() - t0;
    expect(s.counted).toHaveLength(33_334);
    expect(ms).toBeLessThan(2000);
  });
});
