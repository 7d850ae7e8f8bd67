/**
 * The ballot-set rule shared by the tally and the verifier: from every ballot record on the ledger, in
 * ledger order, decide deterministically which ballots count, and say why for every record.
 *
 * A record is one box's attestation of one cast ballot (a ballot box forwards each cast it accepted; the
 * voter sends the same cast to every box it was given, so one ballot usually has several records).
 *
 *  0. A record counts for nothing if the caller rejected it (signature, proofs or eligibility failed, or
 *     the box is not assigned to the key) — `rejected` — or if its box is not allow-listed — `unknown-box`.
 *  1. The remaining records are grouped by ballot, a ballot being the pair (voter_key, ballot_id): the
 *     ballot id is chosen by the voter, so it is only unique per voting key, and grouping by the pair
 *     keeps one voter's records from ever competing with another's.
 *  2. Spoiled ballots (a Benaloh audit was published for the pair) never count — `spoiled`.
 *  3. A box counts once per version it attests: its first record of that version in ledger order; later
 *     records of the same box and version are `repeat-box`. (A box that attests two versions of one
 *     ballot supports both, which changes neither's lead, and keeps the rule independent of the order of
 *     a ballot's records.)
 *  4. The version (tracker) attested by the most distinct boxes wins; a tie goes to the lowest tracker
 *     (lowercase hex, compared as strings). Records of other versions are `outvoted`.
 *  5. Per voting key, ballots are ordered by their first record in ledger order. Revote policy `once`:
 *     the first ballot counts and later ones are `double-vote`; `last`: the last counts and earlier ones
 *     are `superseded`.
 *  6. Of a counted ballot, the first record of the winning version is `counted`, its other records are
 *     `same-version`.
 *
 * Cost: O(n log n) for n records (hash maps, and one sort of each key's ballots).
 */
import type { RevotePolicy } from '../election/definition.js';
import type { CastBallot } from './cast.js';

/** One ballot record, as the rule sees it. */
export interface Attestation {
  /** Id of the box that attested the cast. */
  readonly box: string;
  readonly voter_key: string;
  readonly ballot_id: string;
  /** Tracker of the attested cast (identifies the version). */
  readonly tracker: string;
  /** Why the caller rejected the record (failed check or eligibility), if it did. */
  readonly rejected?: string;
}

/** The verdict on one record. */
export type Verdict =
  | 'counted'
  | 'same-version'
  | 'rejected'
  | 'unknown-box'
  | 'spoiled'
  | 'repeat-box'
  | 'outvoted'
  | 'double-vote'
  | 'superseded';

/** The verdict on one record and a sentence saying why. */
export interface Explanation {
  readonly verdict: Verdict;
  readonly reason: string;
}

/** A counted ballot. */
export interface CountedBallot {
  readonly voter_key: string;
  readonly ballot_id: string;
  /** Tracker of the winning version. */
  readonly tracker: string;
  /** Index of the record that counts (the first record of the winning version). */
  readonly record: number;
  /** Distinct boxes that attested the winning version, sorted. */
  readonly boxes: readonly string[];
}

/** Output of the rule. */
export interface Selection {
  /** Counted ballots, in ledger order of their first record. */
  readonly counted: readonly CountedBallot[];
  /** One explanation per input record, same order. */
  readonly explanations: readonly Explanation[];
}

/** Election parameters the rule needs. */
export interface SelectionRules {
  readonly revote: RevotePolicy;
  /** Ids of the allow-listed ballot boxes. */
  readonly boxes: readonly string[];
  /** Ballots spoiled by a published audit. */
  readonly spoiled?: Iterable<{ readonly voter_key: string; readonly ballot_id: string }>;
}

interface Version {
  readonly tracker: string;
  /** Records of this version, one per distinct box (each box's first). */
  readonly records: number[];
  /** The boxes of those records. */
  readonly boxes: Set<string>;
}

interface Ballot {
  readonly voter_key: string;
  readonly ballot_id: string;
  /** Index of the ballot's first accepted record. */
  readonly first: number;
  readonly versions: Map<string, Version>;
}

/** The attestation by box `box` of a cast with its tracker (e.g. a `CheckedCast`), optionally rejected. */
export function attestationOf(
  box: string,
  checked: { readonly cast: CastBallot; readonly tracker: string },
  rejected?: string,
): Attestation {
  const { voter_key, ballot_id } = checked.cast;
  return { box, voter_key, ballot_id, tracker: checked.tracker, ...(rejected ? { rejected } : {}) };
}

/** A record that could not even be read as a cast (its fields are left empty); it is explained as rejected. */
export function rejectedAttestation(box: string, reason: string): Attestation {
  return { box, voter_key: '', ballot_id: '', tracker: '', rejected: reason };
}

function ballotKey(voterKey: string, ballotId: string): string {
  return `${voterKey}/${ballotId}`;
}

/** The winning version of a ballot: most distinct boxes, then lowest tracker. */
function winner(b: Ballot): Version {
  let best: Version | undefined;
  for (const v of b.versions.values()) {
    if (
      !best ||
      v.records.length > best.records.length ||
      (v.records.length === best.records.length && v.tracker < best.tracker)
    )
      best = v;
  }
  return best!;
}

/** Steps 0–3: per-record filtering and grouping by (voter_key, ballot_id). */
function group(
  records: readonly Attestation[],
  rules: SelectionRules,
  out: Explanation[],
): Map<string, Ballot> {
  const allowed = new Set(rules.boxes);
  const spoiled = new Set<string>();
  for (const s of rules.spoiled ?? []) spoiled.add(ballotKey(s.voter_key, s.ballot_id));
  const ballots = new Map<string, Ballot>();
  records.forEach((r, i) => {
    if (r.rejected !== undefined) {
      out[i] = { verdict: 'rejected', reason: r.rejected };
      return;
    }
    if (!allowed.has(r.box)) {
      out[i] = { verdict: 'unknown-box', reason: `box "${r.box}" is not on the allow-list` };
      return;
    }
    const key = ballotKey(r.voter_key, r.ballot_id);
    if (spoiled.has(key)) {
      out[i] = { verdict: 'spoiled', reason: 'this ballot was audited (Benaloh challenge) and cannot count' };
      return;
    }
    let b = ballots.get(key);
    if (!b) {
      b = { voter_key: r.voter_key, ballot_id: r.ballot_id, first: i, versions: new Map() };
      ballots.set(key, b);
    }
    let v = b.versions.get(r.tracker);
    if (!v) {
      v = { tracker: r.tracker, records: [], boxes: new Set() };
      b.versions.set(r.tracker, v);
    }
    if (v.boxes.has(r.box)) {
      out[i] = {
        verdict: 'repeat-box',
        reason: `box "${r.box}" already attested this version; it counts once`,
      };
      return;
    }
    v.boxes.add(r.box);
    v.records.push(i);
  });
  return ballots;
}

/** Steps 4 and 6 for a ballot that counts; returns it as counted. */
function count(b: Ballot, records: readonly Attestation[], out: Explanation[]): CountedBallot {
  const w = winner(b);
  for (const v of b.versions.values()) {
    if (v === w) continue;
    for (const i of v.records)
      out[i] = {
        verdict: 'outvoted',
        reason: `version ${v.tracker} has ${v.records.length} box(es), version ${w.tracker} has ${w.records.length}`,
      };
  }
  const [first, ...rest] = w.records;
  out[first!] = { verdict: 'counted', reason: `counted: attested by ${w.records.length} box(es)` };
  for (const i of rest)
    out[i] = { verdict: 'same-version', reason: `same ballot as record ${first}, counted once` };
  const boxes = w.records.map((i) => records[i]!.box).sort();
  return { voter_key: b.voter_key, ballot_id: b.ballot_id, tracker: w.tracker, record: first!, boxes };
}

/** Marks every grouped record of a ballot that does not count under the revote policy. */
function discard(b: Ballot, verdict: 'double-vote' | 'superseded', kept: Ballot, out: Explanation[]): void {
  const reason =
    verdict === 'double-vote'
      ? `this voting key already voted with ballot ${kept.ballot_id} (revote policy "once")`
      : `replaced by the later ballot ${kept.ballot_id} of this voting key (revote policy "last")`;
  for (const v of b.versions.values()) for (const i of v.records) out[i] = { verdict, reason };
}

/** Applies the ballot-set rule to the ballot records of a ledger, given in ledger order. Pure. */
export function selectBallots(records: readonly Attestation[], rules: SelectionRules): Selection {
  const out: Explanation[] = new Array(records.length);
  const ballots = group(records, rules, out);
  // Step 5: each key's ballots in ledger order of their first record.
  const byKey = new Map<string, Ballot[]>();
  for (const b of ballots.values()) {
    const list = byKey.get(b.voter_key);
    if (list) list.push(b);
    else byKey.set(b.voter_key, [b]);
  }
  const kept: Ballot[] = [];
  for (const list of byKey.values()) {
    list.sort((x, y) => x.first - y.first);
    const keep = rules.revote === 'once' ? list[0]! : list[list.length - 1]!;
    kept.push(keep);
    for (const b of list)
      if (b !== keep) discard(b, rules.revote === 'once' ? 'double-vote' : 'superseded', keep, out);
  }
  kept.sort((x, y) => x.first - y.first);
  const counted = kept.map((b) => count(b, records, out));
  return { counted, explanations: out };
}
