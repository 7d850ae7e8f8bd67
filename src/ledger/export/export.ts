/** Writing a ledger in the export format (see format.ts). */

import { approvalJson } from '../authority/approval.js';
import type { AuthorityLedger } from '../authority/ledger.js';
import { blockJson } from '../block.js';
import type { RunnerChainEntry } from '../runner/chain.js';
import { entryLine, headerLine } from './format.js';

/** Export lines of an authority ledger's main chain (genesis to head) with each block's verdicts. */
export function exportAuthority<S>(ledger: AuthorityLedger<S>): string[] {
  const chain = ledger.mainChain();
  const lines = [headerLine({ profile: 'authority', genesis: ledger.genesis.id, blocks: chain.length })];
  for (const n of chain)
    lines.push(
      entryLine({
        block: blockJson(n.block),
        approvals: [...n.approvals.values()]
          .sort((a, b) => (a.validator < b.validator ? -1 : 1))
          .map(approvalJson),
      }),
    );
  return lines;
}

/** Export lines of a runner chain (genesis first). */
export function exportRunner(chain: readonly RunnerChainEntry[]): string[] {
  const lines = [headerLine({ profile: 'runner', genesis: chain[0]!.id, blocks: chain.length })];
  for (const e of chain) lines.push(entryLine({ block: blockJson(e.block), approvals: [] }));
  return lines;
}
