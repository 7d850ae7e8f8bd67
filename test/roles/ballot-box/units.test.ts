/** Small parts of the box: native hashes equal the pure ones, group commits, the altered cast. */
import { describe, expect, it } from 'vitest';
import { signTx, txId } from '../../../src/ledger/authority/tx.js';
import { GroupCommit } from '../../../src/node/roles/ballot-box/group-commit.js';
import { trackerOf, txIdOf } from '../../../src/node/roles/ballot-box/hashing.js';
import { alteredCast } from '../../../src/node/roles/ballot-box/txs.js';
import { castTracker } from '../../../src/protocol/cast/cast.js';
import { BOX_A, castBy, contextOf, ed, election, json, VOTERS, vote } from './election.js';

const ctx = contextOf(election('once'));

describe('native hashes', () => {
  it('equal castTracker and txId', () => {
    const c = castBy(ctx, VOTERS[0]!, vote(1, true));
    expect(trackerOf(c.cast)).toBe(castTracker(c.cast));
    const tx = signTx(ed, BOX_A.secretKey, {
      type: 'ballot',
      author: BOX_A.publicKey,
      chain: 'ab'.repeat(32),
      body: json(c.cast),
    });
    expect(txIdOf(tx)).toBe(txId(tx));
  });
});

describe('group commit', () => {
  it('writes items that arrive together in one commit, and resolves each after it', async () => {
    const batches: number[][] = [];
    const g = new GroupCommit<number>(async (items) => {
      batches.push([...items]);
    });
    await Promise.all([1, 2, 3].map((i) => g.add(i)));
    expect(batches).toEqual([[1, 2, 3]]);
    await g.add(4);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every item of a failed commit, and commits later items', async () => {
    let fail = true;
    const g = new GroupCommit<number>(async () => {
      if (fail) throw new Error('disk full');
    }, 10);
    const r = await Promise.allSettled([g.add(1), g.add(2)]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(g.add(3)).resolves.toBeUndefined();
  });

  it('splits at maxBatch and gathers during the linger', async () => {
    const batches: number[] = [];
    const g = new GroupCommit<number>(async (items) => void batches.push(items.length), 2, 20);
    const first = g.add(0);
    await first;
    await Promise.all([1, 2, 3, 4, 5].map((i) => g.add(i)));
    expect(batches).toEqual([1, 2, 2, 1]);
  });
});

describe('the altered cast', () => {
  it('swaps the first two selections of the first question and keeps the rest', () => {
    const c = json(castBy(ctx, VOTERS[1]!, vote(0, true)).cast);
    const a = alteredCast(c) as unknown as { ballot: { questions: { selections: unknown[] }[] } };
    const o = c.ballot as unknown as { questions: { selections: unknown[] }[] };
    expect(a.ballot.questions[0]!.selections[0]).toEqual(o.questions[0]!.selections[1]);
    expect(a.ballot.questions[0]!.selections[1]).toEqual(o.questions[0]!.selections[0]);
    expect(a.ballot.questions[1]).toEqual(o.questions[1]);
  });
});
