/**
 * Phases of a runner chain, by block count (the genesis is block 0):
 * blocks 1..T carry tallier keys, T+1..T+V ballots, then one decryption factor per elected tallier,
 * with T = n_tallier_blocks and V = n_vote_blocks.
 */
import type { RunnerGenesis } from './genesis.js';

/** What a block at a given position must carry. */
export type RunnerPhase =
  | { readonly kind: 'tallier_key'; readonly index: number }
  | { readonly kind: 'ballot'; readonly index: number }
  | { readonly kind: 'dec_factor'; readonly index: number }
  | { readonly kind: 'over' };

/** The phase of block number `height` (≥ 1) when `elected` talliers were elected. */
export function phaseAt(g: RunnerGenesis, height: number, elected: number): RunnerPhase {
  const T = g.nTallierBlocks;
  const V = g.nVoteBlocks;
  if (height <= T) return { kind: 'tallier_key', index: height - 1 };
  if (height <= T + V) return { kind: 'ballot', index: height - T - 1 };
  if (height <= T + V + elected) return { kind: 'dec_factor', index: height - T - V - 1 };
  return { kind: 'over' };
}
