/** Loading an exported authority ledger into a running ledger (each block and approval is checked as if from a peer). */
import { ok } from '../../crypto/result.js';
import type { AuthorityLedger } from '../authority/ledger.js';
import { type LedgerResult, lfail, lwithin } from '../errors.js';
import { decodeEntry, decodeHeader } from './format.js';

/** Counts of what an import added. */
export interface ImportSummary {
  readonly blocks: number;
  readonly approvals: number;
}

/** Imports export lines into a ledger with the same genesis; stops at the first bad line. */
export async function importAuthority<S>(
  ledger: AuthorityLedger<S>,
  lines: Iterable<string>,
): Promise<LedgerResult<ImportSummary>> {
  let n = 0;
  let blocks = 0;
  let approvals = 0;
  for (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    if (n === 1) {
      const h = decodeHeader(text);
      if (!h.ok) return lwithin('line 1', h);
      if (h.value.profile !== 'authority' || h.value.genesis !== ledger.genesis.id)
        return lfail('GENESIS_MISMATCH', 'line 1: the export is of another ledger');
      continue;
    }
    const e = decodeEntry(text);
    if (!e.ok) return lwithin(`line ${n}`, e);
    if (n > 2) {
      const b = await ledger.addBlock(e.value.block);
      if (!b.ok) return lwithin(`line ${n}`, b);
      if (b.value.status === 'added') blocks++;
    }
    for (const a of e.value.approvals) {
      const r = await ledger.addApproval(a);
      if (!r.ok) return lwithin(`line ${n}`, r);
      if (r.value.status === 'added') approvals++;
    }
  }
  return ok({ blocks, approvals });
}
