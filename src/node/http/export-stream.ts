/**
 * The ledger export (format of `src/ledger/export/format.ts`) produced line by line, so a long chain is
 * streamed without building the whole file in memory. The main chain is fixed when the export starts.
 */
import type { AuthorityLedger } from '../../ledger/authority/ledger.js';
import { blockJson } from '../../ledger/block.js';
import { entryLine, headerLine } from '../../ledger/export/format.js';
import { approvalsOf } from './block-view.js';

/** Export lines of the main chain at the moment of the call: the header, then one line per block. */
export function* exportLines<S>(ledger: AuthorityLedger<S>): Generator<string> {
  const chain = ledger.mainChain();
  yield headerLine({ profile: 'authority', genesis: ledger.genesis.id, blocks: chain.length });
  for (const n of chain) yield entryLine({ block: blockJson(n.block), approvals: approvalsOf(n) });
}
