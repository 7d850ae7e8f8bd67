/**
 * "Is my ballot on the ledger and counted?" — answered from the client's own checked copy of the ledger:
 * the receipt is checked against the election's allow-listed box keys, then the tracker's ballot records
 * are looked up at the head and at the last final block, and the ballot-set rule's verdicts (per
 * `electionState`) say whether this version counts. Before the close the verdicts are those the rule
 * would give if the election closed now (`provisional`).
 */

import type { Ed25519 } from '../crypto/sig/ed25519.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import type { ElectionPhase } from '../ledger/election/view.js';
import { trackerStatus } from '../ledger/election/view.js';
import { checkReceipt as checkReceiptRecord, type Receipt } from '../protocol/cast/receipt.js';
import type { Verdict } from '../protocol/cast/select.js';
import { ElectionReader, type ElectionReading } from './election-reader.js';
import { clientError } from './errors.js';

/** Where a ballot stands. */
export type TrackerStanding =
  /** In a final block, and its version is the one counted. */
  | 'counted'
  /** Audited (Benaloh): spoiled on purpose, never counted. */
  | 'spoiled'
  /** In a final block but not counted (another version or ballot of the key counts, see the verdicts). */
  | 'not-counted'
  /** On the node's chain but not in a final block yet. */
  | 'pending'
  /** Not on the ledger (yet): boxes forward within seconds, and blocks need their approvals. */
  | 'absent';

/** One ballot record of the tracker. */
export interface TrackerRecord {
  readonly box: string;
  readonly height: number;
  readonly txId: string;
  readonly verdict: Verdict;
  readonly reason: string;
}

/** The answer to a receipt check. */
export interface ReceiptCheck {
  readonly tracker: string;
  /** The receipt's box, when a receipt was given (its signature checked). */
  readonly box?: string;
  readonly standing: TrackerStanding;
  /** Verdicts may still change: the election is not closed. */
  readonly provisional: boolean;
  readonly phase: ElectionPhase;
  /** Records in final blocks. */
  readonly records: readonly TrackerRecord[];
  readonly finalHeight: number;
  readonly headHeight: number;
}

/** Reads a receipt (checked against the election's boxes) or a bare 64-hex tracker. */
export function trackerOf(
  ed: Ed25519,
  r: ElectionReading,
  receiptOrTracker: unknown,
): { tracker: string; receipt?: Receipt } {
  if (typeof receiptOrTracker === 'string') {
    if (!/^[0-9a-f]{64}$/.test(receiptOrTracker))
      throw clientError('USAGE', 'a tracker is 64 lowercase hex digits');
    return { tracker: receiptOrTracker };
  }
  const def = r.final.view.definition;
  if (!def) throw clientError('NOT_READY', 'the ledger defines no election yet');
  const c = checkReceiptRecord(ed, def, receiptOrTracker);
  if (!c.ok) throw clientError('USAGE', `the receipt does not check: ${c.code}: ${c.message}`);
  return { tracker: c.value.tracker, receipt: c.value };
}

/** Where the ballot with `tracker` stands in reading `r`. */
export function checkTracker(r: ElectionReading, tracker: string, receipt?: Receipt): ReceiptCheck {
  const final = trackerStatus(r.final.view, tracker);
  const head = trackerStatus(r.head.view, tracker);
  const standing: TrackerStanding = final.spoiled
    ? 'spoiled'
    : final.records.length > 0
      ? final.counted
        ? 'counted'
        : 'not-counted'
      : head.records.length > 0 || head.spoiled
        ? 'pending'
        : 'absent';
  const phase = r.final.view.phase;
  return {
    tracker,
    ...(receipt ? { box: receipt.box } : {}),
    standing,
    provisional: r.final.state.closing === undefined,
    phase,
    records: final.records.map((b) => ({
      box: b.box,
      height: b.height,
      txId: b.txId,
      verdict: b.verdict,
      reason: b.reason,
    })),
    finalHeight: r.final.height,
    headHeight: r.head.height,
  };
}

/**
 * The whole check against a node: opens a checked copy of its ledger, reads it, and answers where the
 * ballot of `receiptOrTracker` (a receipt JSON object, or a 64-hex tracker) stands.
 */
export async function checkReceipt(
  node: string,
  receiptOrTracker: unknown,
  o: { readonly env: ElectionEnv; readonly now?: () => number; readonly proxy?: string },
): Promise<ReceiptCheck> {
  const reader = await ElectionReader.open(node, o);
  try {
    const reading = await reader.read();
    const { tracker, receipt } = trackerOf(o.env.ed, reading, receiptOrTracker);
    return checkTracker(reading, tracker, receipt);
  } finally {
    reader.close();
  }
}
