/**
 * Revote policy `last`, as real processes through the command line: a registrar node (also miner and
 * validator), two honest ballot boxes, one trustee (`pnyx trustee run`), three voters with `pnyx voter
 * vote`. One voter votes twice: both ballots get receipts from both boxes; after the close the second one
 * counts and the first is `superseded` (`pnyx voter check`), the counts of `pnyx election results` equal the
 * voters' last choices, and `pnyx verify` passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients } from '../src/demo/clients.js';
import type { RollVoter } from '../src/demo/roll.js';
import { type Cluster, startCluster, waitStatus } from './election-cluster/cluster.js';
import {
  check,
  closeAndTally,
  createElection,
  electionInput,
  intended,
  results,
  rollOf,
  statusJson,
  type Vote,
  type VoteOut,
  verify,
  vote,
} from './election-cluster/flow.js';

const ELECTION = 'revote-last';
const FIRST: Vote[] = [
  { chair: 'ada', budget: 'yes' },
  { chair: 'bruno', budget: 'no' },
  { chair: 'eun', budget: 'no' },
];
const AGAIN: Vote = { chair: 'dmitri', budget: 'yes' };

let c: Cluster;
let roll: RollVoter[];
const t0 = Date.now();

beforeAll(async () => {
  c = await startCluster({ boxes: [{ name: 'box-1' }, { name: 'box-2' }], trustees: [{ name: 't1' }] });
  roll = await rollOf(c, FIRST.length);
  await createElection(c, electionInput(c, { id: ELECTION, k: 1, revote: 'last', opensInMs: 15_000 }));
}, 120_000);

afterAll(async () => {
  closeClients();
  await c?.stop();
  process.stderr.write(`election-faults-revote: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
});

describe('revote policy last', () => {
  let first: VoteOut[] = [];
  let second: VoteOut;

  it('every voter votes; one votes again and both boxes accept the new ballot', async () => {
    first = await Promise.all(roll.map((v, i) => vote(c, ELECTION, v, FIRST[i]!)));
    for (const o of first) expect(o.receipts.map((r) => r.box).sort()).toEqual(['box-1', 'box-2']);
    second = await vote(c, ELECTION, roll[0]!, AGAIN);
    expect(second.receipts.map((r) => r.box).sort()).toEqual(['box-1', 'box-2']);
    expect(second.tracker).not.toBe(first[0]!.tracker);
    // Two records (one per box) for each of the four ballots.
    await waitStatus(c, 'eight ballot records on the final ledger', 60_000, (s) => s.final.ballots >= 8);
  }, 180_000);

  it('after the close the last ballot counts; the counts equal the last choices', async () => {
    await closeAndTally(c, ELECTION);
    expect(await results(c)).toEqual(intended([AGAIN, FIRST[1]!, FIRST[2]!]));
    const s = await statusJson(c);
    expect(s.counted).toBe(3);
    expect(s.verdicts).toMatchObject({ superseded: 2 });
    const old = await check(c, first[0]!.tracker!, [1]);
    expect(old.standing).toBe('not-counted');
    expect(old.records.map((r) => r.verdict)).toEqual(['superseded', 'superseded']);
    expect((await check(c, second.tracker!, [0])).standing).toBe('counted');
  }, 120_000);

  it('pnyx verify passes', async () => {
    const v = await verify({ node: c.registrar.url });
    expect(v.ok).toBe(true);
    const ballots = v.checks.find((x) => x.name.startsWith('ballots'))!;
    expect(ballots.summary).toMatch(/3 counted/);
  }, 120_000);
});
