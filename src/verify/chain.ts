/**
 * The chain check: `verifyExport` re-checks the header, the genesis, every hash link, proof of work, block
 * shape, height and time, every transaction's envelope and author signature, every approval (shape,
 * validator of the genesis set, signature, one verdict per validator) and finality. The verifier then
 * requires every block to be final: a block without a quorum of approvals is named.
 */
import type { Ed25519 } from '../crypto/sig/ed25519.js';
import { verifyExport } from '../ledger/export/verify.js';
import type { FoldOutcome } from './fold.js';
import { blockName } from './names.js';
import type { CheckResult, Problem } from './types.js';

/** Name of the chain check. */
export const CHAIN_CHECK = 'chain: hash links, proof of work, signatures, approvals and quorum';

/** Runs the chain check over the export's lines; `fold` supplies per-block approval counts. */
export function chainCheck(lines: Iterable<string>, ed: Ed25519, fold: FoldOutcome): CheckResult {
  const v = verifyExport(lines, { ed });
  const problems: Problem[] = [];
  if (!v.ok) {
    const at = v.height !== undefined ? `, ${blockName(v.height, v.blockId ?? '?')}` : '';
    problems.push({ object: `line ${v.line}${at}`, code: v.code, message: v.message });
    return { name: CHAIN_CHECK, ok: false, summary: 'the export is not a valid chain', problems };
  }
  const g = fold.genesis;
  const head = v.blocks - 1;
  if (v.finalHeight < head) {
    const b = fold.blocks.find((x) => x.height === v.finalHeight + 1);
    problems.push({
      object: b ? `line ${b.line}, ${blockName(b.height, b.id)}` : `block ${v.finalHeight + 1}`,
      code: 'NOT_FINAL',
      message: `not final: ${b ? `${b.approvals} approval(s)` : 'too few approvals'}, the quorum is ${g?.quorum ?? '?'} (blocks ${v.finalHeight + 1}–${head} are not final)`,
    });
  }
  const summary =
    `${v.blocks} blocks (genesis ${v.genesis}, head ${v.head}), hardness ${g?.hardness ?? '?'}, ` +
    `${v.finalHeight} of ${head} blocks final with a quorum of ${g?.quorum ?? '?'} of ${g?.validators.length ?? '?'} validators`;
  return { name: CHAIN_CHECK, ok: problems.length === 0, summary, problems };
}
