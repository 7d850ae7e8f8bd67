/**
 * The election as the ledger says it is: everything a ballot box, a trustee, the tally, the verifier and
 * the explorer read, derived from the registry state (`state.ts`) at a ledger time. Pure and
 * deterministic. A node keeps the registry state per block (the ledger engine folds it as blocks arrive),
 * so `electionView(node.state, node.time)` is up to date without replaying the chain.
 */
import type { Explanation, Selection, Verdict } from '../../protocol/cast/select.js';
import type { ElectionDefinition } from '../../protocol/election/definition.js';
import type { BlindTokensState } from '../../protocol/eligibility/blind-tokens.js';
import { checkTokenCount } from '../../protocol/eligibility/blind-tokens.js';
import type { IdentityKeysState } from '../../protocol/eligibility/identity-keys.js';
import { type ElectionResults, resultsFromCounts } from '../../protocol/results.js';
import type { EncryptedTally } from '../../protocol/tally.js';
import { ceremonyAt } from './common.js';
import type { CeremonyView, DecryptionView } from './crypto.js';
import { pToArray } from './plist.js';
import { resultBody } from './rule-result.js';
import { countedOf, selectionOf } from './selection.js';
import type { AuditEntry, BallotEntry, ElectionLedgerState, PostedResult } from './state.js';

/** Phases of an election, in order; `failed` when the key ceremony failed. */
export type ElectionPhase = 'setup' | 'ceremony' | 'open' | 'closed' | 'decrypting' | 'done' | 'failed';

/** One ballot record with its verdict. */
export interface BallotRecord extends BallotEntry, Explanation {}

/** Eligibility as published. */
export interface EligibilityView {
  readonly mode: ElectionDefinition['eligibility']['mode'];
  /** Identity keys: the number of eligible keys. */
  readonly eligibleKeys?: number;
  /** Blind tokens: the registrar's latest total of issued tokens. */
  readonly tokensIssued?: number;
}

/** The derived election state. */
export interface ElectionState {
  readonly phase: ElectionPhase;
  /** Why the genesis cannot run an election. */
  readonly problem?: string;
  readonly definition?: ElectionDefinition;
  readonly fingerprint?: string;
  readonly ceremony?: CeremonyView;
  readonly eligibility?: EligibilityView;
  /** Every ballot record in ledger order, with its verdict (before the close: as if closed now). */
  readonly ballots: readonly BallotRecord[];
  /** The counted ballots (`selectBallots`). */
  readonly counted: Selection['counted'];
  readonly audits: readonly AuditEntry[];
  /** The encrypted tally, once closed. */
  readonly tally?: EncryptedTally<unknown>;
  readonly decryption?: DecryptionView;
  /** Decrypted counts named by the manifest. */
  readonly results?: ElectionResults;
  /** The posted result transaction, if any. */
  readonly result?: PostedResult;
  /** Checks that concern the whole election and failed (e.g. more token-bearing keys than tokens). */
  readonly warnings: readonly string[];
}

function phaseOf(s: ElectionLedgerState, ceremony: CeremonyView | undefined, now: number): ElectionPhase {
  const setup = s.setup;
  if (!setup || !ceremony) return 'setup';
  if (s.closing) {
    if (s.decryption?.counts) return 'done';
    return s.decryption && s.decryption.accepted.length > 0 ? 'decrypting' : 'closed';
  }
  if (ceremony.phase === 'failed') return 'failed';
  if (now >= setup.definition.schedule.closes_at) return 'closed';
  if (now >= setup.definition.schedule.opens_at && ceremony.key) return 'open';
  return 'ceremony';
}

function eligibilityView(s: ElectionLedgerState, def: ElectionDefinition): EligibilityView {
  const mode = def.eligibility.mode;
  if (mode === 'identity-keys') return { mode, eligibleKeys: (s.eligibility as IdentityKeysState).count };
  if (mode === 'blind-tokens') return { mode, tokensIssued: (s.eligibility as BlindTokensState).issued };
  return { mode };
}

/** The election at ledger time `now` (default: the time of the last transaction applied). */
export function electionView(s: ElectionLedgerState, now: number = s.time): ElectionState {
  const setup = s.setup;
  const audits = pToArray(s.audits);
  if (!setup)
    return {
      phase: 'setup',
      ...(s.genesisProblem ? { problem: s.genesisProblem } : {}),
      ballots: [],
      counted: [],
      audits,
      warnings: [],
    };
  const def = setup.definition;
  const ceremony = ceremonyAt(s, setup, Math.max(now, s.time));
  // Ballot verdicts: fixed by the close, or the selection as if the election closed now.
  const sel = s.closing
    ? { selection: s.closing.selection, records: pToArray(s.ballots) }
    : selectionOf(s, setup);
  const ballots = sel.records.map((r, i) => ({ ...r, ...sel.selection.explanations[i]! }));
  const warnings: string[] = [];
  if (def.eligibility.mode === 'blind-tokens') {
    const keys = new Set(sel.selection.counted.map((c) => c.voter_key)).size;
    const t = checkTokenCount(s.eligibility as BlindTokensState, keys);
    if (!t.ok) warnings.push(`${t.code}: ${t.message}`);
  }
  if (s.decryption?.failure) warnings.push(`DECRYPTION_INVALID: ${s.decryption.failure}`);
  if (s.closing && s.decryption?.counts && !s.result) {
    const r = resultBody(s);
    if (!r.ok) warnings.push(`${r.code}: ${r.message}`);
  }
  const counts = s.decryption?.counts;
  return {
    phase: phaseOf(s, ceremony, now),
    definition: def,
    fingerprint: setup.fingerprint,
    ceremony,
    eligibility: eligibilityView(s, def),
    ballots,
    counted: sel.selection.counted,
    audits,
    ...(s.closing ? { tally: s.closing.tally } : {}),
    ...(s.decryption ? { decryption: s.decryption } : {}),
    ...(counts ? { results: resultsFromCounts(def.manifest, counts) } : {}),
    ...(s.result ? { result: s.result } : {}),
    warnings,
  };
}

/** The number of records per verdict (for summaries). */
export function verdictCounts(ballots: readonly BallotRecord[]): Partial<Record<Verdict, number>> {
  const out: Partial<Record<Verdict, number>> = {};
  for (const b of ballots) out[b.verdict] = (out[b.verdict] ?? 0) + 1;
  return out;
}

/** The tally a ledger state would fix if it closed now (for a box's running view), or undefined. */
export function provisionalTally(s: ElectionLedgerState): EncryptedTally<unknown> | undefined {
  const setup = s.setup;
  if (!setup) return undefined;
  const key = ceremonyAt(s, setup, s.time).key;
  return key ? countedOf(s, setup, key).tally : undefined;
}

/** What the ledger says about one cast version (a voter checking its receipt). */
export interface TrackerStatus {
  /** Every ballot record of this tracker, with its verdict. */
  readonly records: readonly BallotRecord[];
  /** True when this version is the counted version of its ballot. */
  readonly counted: boolean;
  /** True when the ballot was audited. */
  readonly spoiled: boolean;
}

/** The records and standing of the cast with `tracker` (`pnyx voter check`). */
export function trackerStatus(v: ElectionState, tracker: string): TrackerStatus {
  const records = v.ballots.filter((b) => b.tracker === tracker);
  return {
    records,
    counted: v.counted.some((c) => c.tracker === tracker),
    spoiled: v.audits.some((a) => a.tracker === tracker),
  };
}
