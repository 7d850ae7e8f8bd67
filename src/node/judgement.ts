/**
 * Gossip validation outcome of an item received from a peer: `accept` (new and valid), `ignore` (valid
 * but useless, or refused for a reason an honest peer can run into: a race, a fork, a full pool, an
 * unknown parent) or `reject` (the item is invalid: the peer should have checked it, so it is penalised).
 */
import type { LedgerErrorCode } from '../ledger/errors.js';

/** How an item from a peer is judged. */
export type Judgement = 'accept' | 'ignore' | 'reject';

/** Codes an honest, up-to-date peer may cause: never penalised. */
const HONEST_CODES: ReadonlySet<string> = new Set<LedgerErrorCode | string>([
  'BLOCK_PARENT_UNKNOWN', // the peer is ahead of us: sync catches up
  'BLOCK_CONFLICTS_FINAL', // the peer was on a branch that lost
  'BLOCK_TIME_INVALID', // clock skew between nodes
  'TX_DUPLICATE', // the transaction was mined meanwhile
  'TX_NOT_ALLOWED', // another transaction won a race (e.g. two votes of one author)
  'MEMPOOL_FULL', // our own capacity
  'APPROVAL_CONFLICT', // two verdicts crossed on the way
  'MINING_ABORTED',
]);

/** Judges a refusal code. */
export function judgeCode(code: string): Judgement {
  return HONEST_CODES.has(code) ? 'ignore' : 'reject';
}
