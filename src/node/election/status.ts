/** The election as a node's ledger shows it, for `GET /election/status`. */
import type { Static } from '@sinclair/typebox';
import type { ElectionLedgerState } from '../../ledger/election/state.js';
import { electionView } from '../../ledger/election/view.js';
import { resultsToJson } from '../../protocol/results.js';
import type { PnyxNode } from '../node.js';
import type { ElectionStatusSchema } from './routes.js';

/** The status answer. */
export type ElectionStatus = Static<typeof ElectionStatusSchema>;

/** Reads the head (phase, schedule) and the last final block (counts, results) of `node`'s ledger. */
export function electionStatus(node: PnyxNode<ElectionLedgerState>, now: number): ElectionStatus {
  const ledger = node.chain.ledger;
  const head = ledger.head();
  const final = ledger.lastFinal();
  const hv = electionView(head.state, Math.max(now, head.time));
  const fv = electionView(final.state, Math.max(now, final.time));
  const d = hv.definition;
  const el = fv.eligibility;
  return {
    phase: hv.phase,
    ...(hv.problem !== undefined ? { problem: hv.problem } : {}),
    ...(d ? { election: d.id, opens_at: d.schedule.opens_at, closes_at: d.schedule.closes_at } : {}),
    ...(hv.fingerprint !== undefined ? { fingerprint: hv.fingerprint } : {}),
    height: head.height,
    final_height: final.height,
    final: {
      phase: fv.phase,
      eligible: el?.eligibleKeys ?? el?.tokensIssued ?? 0,
      ballots: fv.ballots.length,
      counted: fv.counted.length,
      decryptions: final.state.decryptions.length,
      ...(fv.results ? { results: resultsToJson(fv.results) } : {}),
      ...(fv.result ? { result_tx: fv.result.txId } : {}),
    },
  };
}
