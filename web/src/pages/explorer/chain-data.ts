/**
 * What the chain picture shows: the node's summary and the blocks of the last heights, forks included.
 * Heights up to the last final block whose blocks are all settled (final or rejected) never change, so
 * they are read once; each poll reads the summary and the unsettled heights only.
 */

import type { BlockView, ChainSummary } from '../../../../src/node/http/views.js';
import { ledgerClient } from '../../api/clients.js';

/** Heights the picture shows. */
export const SHOWN_HEIGHTS = 8;

/** One height of the picture: the main-chain block first, then side branches. */
export interface Column {
  readonly height: number;
  readonly blocks: readonly BlockView[];
}

/** One reading of the chain. */
export interface ChainPicture {
  readonly summary: ChainSummary;
  readonly columns: readonly Column[];
}

const settled = (bs: readonly BlockView[]): boolean => bs.every((b) => b.status !== 'pending');

/** Reads the chain picture, keeping settled heights between reads. */
export class ChainReader {
  private readonly known = new Map<number, readonly BlockView[]>();
  private finalHeight = -1;

  async read(): Promise<ChainPicture> {
    const api = ledgerClient();
    const summary = await api.chain();
    const top = summary.head.height;
    const from = Math.max(0, top - SHOWN_HEIGHTS + 1);
    this.finalHeight = summary.final.height;
    const heights = Array.from({ length: top - from + 1 }, (_, i) => from + i);
    const stale = heights.filter((h) => {
      const bs = this.known.get(h);
      return !bs || h > this.finalHeight || !settled(bs);
    });
    const answers = await Promise.all(stale.map((h) => api.blocksAt({ params: { height: h } })));
    for (const [i, h] of stale.entries()) this.known.set(h, answers[i]!.blocks);
    for (const h of this.known.keys()) if (h < from) this.known.delete(h);
    const columns = heights.map((height) => ({
      height,
      blocks: [...(this.known.get(height) ?? [])].sort((a, b) => Number(b.main) - Number(a.main)),
    }));
    return { summary, columns };
  }
}
