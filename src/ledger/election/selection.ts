/**
 * The ballot set and the encrypted tally derived from the ballot records of a state: the selection rule
 * of `src/protocol/cast/select.ts` over every ballot record in ledger order (with the audited ballots as
 * spoiled), then the homomorphic sum of the counted versions. Memoised per list version, so the nodes,
 * the mempool and the validators of one process compute it once per chain.
 */
import { type Attestation, type Selection, selectBallots } from '../../protocol/cast/select.js';
import { type EncryptedTally, tallyBallots } from '../../protocol/tally.js';
import type { ElectionKey } from './crypto.js';
import { hexGet } from './hex-map.js';
import { type PList, pToArray } from './plist.js';
import type { AuditEntry, BallotEntry, ElectionLedgerState, ElectionSetup } from './state.js';

/** Selection and tally of a state. */
export interface Counted {
  readonly selection: Selection;
  readonly tally: EncryptedTally<unknown>;
  /** The ballot records, in ledger order. */
  readonly records: readonly BallotEntry[];
}

const memo = new WeakMap<
  PList<BallotEntry>,
  { audits: PList<AuditEntry> | undefined; key: string; value: Counted }
>();

/** Runs the selection rule over the state's ballot records. */
export function selectionOf(
  s: ElectionLedgerState,
  setup: ElectionSetup,
): { selection: Selection; records: BallotEntry[] } {
  const records = pToArray(s.ballots);
  const attestations: Attestation[] = records.map((r) => ({
    box: r.box,
    voter_key: r.voter_key,
    ballot_id: r.ballot_id,
    tracker: r.tracker,
  }));
  const def = setup.definition;
  const selection = selectBallots(attestations, {
    revote: def.revote,
    boxes: def.boxes.map((b) => b.id),
    spoiled: pToArray(s.audits),
  });
  return { selection, records };
}

/** The selection and the encrypted tally of the counted ballots under `key`. */
export function countedOf(s: ElectionLedgerState, setup: ElectionSetup, key: ElectionKey): Counted {
  const cell = s.ballots;
  const m = cell ? memo.get(cell) : undefined;
  if (m && m.audits === s.audits && m.key === key.id) return m.value;
  const { selection, records } = selectionOf(s, setup);
  const cts = selection.counted.map((c) => hexGet(s.versions, c.tracker)!);
  const tally = tallyBallots(key.cast.ballot.scheme, setup.definition.manifest, cts);
  const value = { selection, tally, records };
  if (cell) memo.set(cell, { audits: s.audits, key: key.id, value });
  return value;
}
