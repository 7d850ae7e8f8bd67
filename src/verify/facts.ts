/**
 * What the election checks read: the fold's outcome, the derived election state, and the refused
 * transactions sorted into the check they concern (by type; a ballot whose cast failed goes to the
 * signature-and-proofs check, a result whose tally differs to the tally check).
 */
import { isJsonObject } from '../crypto/encoding/canonical-json.js';
import type { ElectionLedgerState } from '../ledger/election/state.js';
import { type ElectionState, electionView } from '../ledger/election/view.js';
import { RECORD_TYPES } from '../protocol/ceremony/record.js';
import type { ElectionDefinition } from '../protocol/election/definition.js';
import type { FoldOutcome, RefusedRecord } from './fold.js';

/** The checks refused transactions are sorted into. */
export type Topic =
  | 'definition'
  | 'ceremony'
  | 'eligibility'
  | 'ballots'
  | 'proofs'
  | 'tally'
  | 'decryptions'
  | 'result';

const TOPIC_OF_TYPE: Readonly<Record<string, Topic>> = {
  election: 'definition',
  [RECORD_TYPES.announcement]: 'ceremony',
  [RECORD_TYPES.shares]: 'ceremony',
  [RECORD_TYPES.complaint]: 'ceremony',
  [RECORD_TYPES.ready]: 'ceremony',
  [RECORD_TYPES.trusteeKey]: 'ceremony',
  [RECORD_TYPES.paillierKey]: 'ceremony',
  voter_keys: 'eligibility',
  token_issued: 'eligibility',
  ballot: 'ballots',
  audit: 'ballots',
  close: 'tally',
  [RECORD_TYPES.partialDecryption]: 'decryptions',
  [RECORD_TYPES.paillierDecryption]: 'decryptions',
  result: 'result',
};

/** Everything the election checks read. */
export interface ElectionFacts {
  readonly fold: FoldOutcome;
  readonly state?: ElectionLedgerState;
  readonly view?: ElectionState;
  readonly def?: ElectionDefinition;
  /** The tally hash the verifier computed (set by the tally check, read by the topic of results). */
  readonly tallyHash?: string;
  /** Refused transactions of a topic, in ledger order. */
  refused(topic: Topic): readonly RefusedRecord[];
}

function topicOf(r: RefusedRecord, tallyHash: string | undefined): Topic {
  const t = TOPIC_OF_TYPE[r.type] ?? 'definition';
  if (t === 'ballots' && r.type === 'ballot' && r.message.startsWith('ballot.cast:')) return 'proofs';
  if (t === 'result' && tallyHash !== undefined && isJsonObject(r.body) && r.body.tally !== tallyHash)
    return 'tally';
  return t;
}

/** The facts of a fold; `tallyHash` sorts refused results whose tally differs into the tally check. */
export function electionFacts(fold: FoldOutcome, tallyHash?: string): ElectionFacts {
  const state = fold.state;
  const view = state ? electionView(state, Math.max(fold.time, state.time)) : undefined;
  const byTopic = new Map<Topic, RefusedRecord[]>();
  for (const r of fold.refused) {
    const t = topicOf(r, tallyHash);
    byTopic.set(t, [...(byTopic.get(t) ?? []), r]);
  }
  return {
    fold,
    ...(state ? { state } : {}),
    ...(view ? { view } : {}),
    ...(state?.setup ? { def: state.setup.definition } : {}),
    ...(tallyHash ? { tallyHash } : {}),
    refused: (topic) => byTopic.get(topic) ?? [],
  };
}
