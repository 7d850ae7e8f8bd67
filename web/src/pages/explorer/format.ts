/** Small formatting helpers of the explorer. */
import { leadingZeroBits } from '../../../../src/ledger/block.js';
import type { MessageKey } from '../../i18n/index.js';

/** The first `n` hex digits of an id. */
export const short = (id: string, n = 8): string => id.slice(0, n);

/** Leading zero bits of a block id: its proof of work. */
export const powBits = (id: string): number => leadingZeroBits(id);

/** Finality status as the explorer shows it. */
export type Status = 'final' | 'pending' | 'rejected';

/** Text key and colour class of a status. */
export const STATUS: Record<Status, { key: MessageKey; tone: string }> = {
  final: { key: 'explorer.status.final', tone: 'ok' },
  pending: { key: 'explorer.status.pending', tone: 'warn' },
  rejected: { key: 'explorer.status.rejected', tone: 'bad' },
};

/** A block time (ms) as local date and time. */
export const when = (ms: number): string => new Date(ms).toLocaleString();

/** Pretty JSON for a `<pre>`. */
export const pretty = (v: unknown): string => JSON.stringify(v, null, 2);

/** Approving and rejecting verdicts of a block. */
export function tally(approvals: readonly { verdict: string }[]): { approve: number; reject: number } {
  let approve = 0;
  let reject = 0;
  for (const a of approvals) a.verdict === 'approve' ? approve++ : reject++;
  return { approve, reject };
}
