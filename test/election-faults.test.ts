/**
 * A whole election with faults, as real processes through the command line (revote policy `once`): a
 * registrar node (also miner and validator), three ballot boxes — box-1 drops every ballot (receipts,
 * never forwards), box-2 alters every ballot before forwarding, box-3 is honest — and four trustees
 * (`pnyx trustee run`, 2 of 4 needed): trustee 3 posts a wrong partial decryption (`--fault
 * wrong-partial`), trustee 4 is killed once voting is open. Five voters vote with `pnyx voter vote`; one of
 * them votes a second time. The election is closed with `pnyx election close`, the counts are read with
 * `pnyx election results` and must equal the first votes, and `pnyx verify` must pass. Finally a copy of
 * the ledger in which a colluding miner and validator let the wrong partial decryption through is given to
 * `pnyx verify`, which must name it and still find the result right.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../src/crypto/encoding/canonical-json.js';
import { closeClients } from '../src/demo/clients.js';
import type { RollVoter } from '../src/demo/roll.js';
import { trusteeSecretsDir } from '../src/node/roles/trustee/for-node.js';
import { downloadExport } from '../src/verify/lines.js';
import { type Cluster, pnyx, startCluster, waitStatus } from './election-cluster/cluster.js';
import {
  alteredBallotTxs,
  appendApprovedBlock,
  forgeTx,
  insertApprovedBlock,
} from './election-cluster/collude.js';
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
import { kill, type NodeProc, waitFor } from './node-mp/cluster.js';

const ELECTION = 'faults-once';
const VOTES: Vote[] = [
  { chair: 'ada', budget: 'yes' },
  { chair: 'bruno', budget: 'no' },
  { chair: 'ada', budget: 'no' },
  { chair: 'eun', budget: 'yes' },
  { chair: 'chiara', budget: 'yes' },
];
const SECOND: Vote = { chair: 'dmitri', budget: 'no' };

let c: Cluster;
let roll: RollVoter[];
let fingerprint = '';
const outs: VoteOut[] = [];
const t0 = Date.now();

beforeAll(async () => {
  c = await startCluster({
    boxes: [{ name: 'box-1', fault: 'drop' }, { name: 'box-2', fault: 'alter' }, { name: 'box-3' }],
    trustees: [{ name: 't1' }, { name: 't2' }, { name: 't3', faults: ['wrong-partial'] }, { name: 't4' }],
  });
  roll = await rollOf(c, VOTES.length);
  fingerprint = (
    await createElection(c, electionInput(c, { id: ELECTION, k: 2, revote: 'once', opensInMs: 36_000 }))
  ).fingerprint;
}, 120_000);

afterAll(async () => {
  closeClients();
  await c?.stop();
  process.stderr.write(`election-faults: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
});

async function boxJson(url: string): Promise<Record<string, unknown>> {
  const r = await fetch(url);
  const p = parseJson(await r.text());
  if (!p.ok) throw new Error(p.message);
  return p.value as Record<string, unknown>;
}

describe('an election with a dropping box, an altering box, a lying trustee and an offline one', () => {
  it('every voter gets a receipt from each of the three boxes, the cheating ones included', async () => {
    outs.push(...(await Promise.all(roll.map((v, i) => vote(c, ELECTION, v, VOTES[i]!)))));
    for (const o of outs) {
      expect(o.code).toBe(0);
      expect(o.receipts.map((r) => r.box).sort()).toEqual(['box-1', 'box-2', 'box-3']);
      expect(o.failures).toEqual([]);
    }
    // The cheating boxes say so in their status.
    expect((await boxJson(`${c.boxes[0]!.url}/box/status`)).faults).toEqual(['drop']);
    expect((await boxJson(`${c.boxes[1]!.url}/box/status`)).faults).toEqual(['alter']);
  }, 180_000);

  it('revote once: a second ballot of the same key is refused by every box with DOUBLE_VOTE', async () => {
    const second = await vote(c, ELECTION, roll[0]!, SECOND, [1]);
    expect(second.receipts).toEqual([]);
    expect(second.failures.map((f) => `${f.box} ${f.code}`).sort()).toEqual([
      'box-1 DOUBLE_VOTE',
      'box-2 DOUBLE_VOTE',
      'box-3 DOUBLE_VOTE',
    ]);
    expect(second.stderr).toMatch(/NO_RECEIPT/);
  }, 60_000);

  it('the dropped and the altered ballots never reach the ledger; the honest box covers every receipt', async () => {
    await waitStatus(c, 'five ballots on the final ledger', 60_000, (s) => s.final.ballots >= VOTES.length);
    // box-1 holds every ballot and forwards none.
    const dropped = await boxJson(`${c.boxes[0]!.url}/box/status`);
    expect(dropped.casts).toBe(VOTES.length);
    expect(dropped.pending_forward).toBe(VOTES.length);
    // box-2's altered versions fail the voter's signature at the ledger's intake.
    await waitFor('box-2 refused', 30_000, async () =>
      (await boxJson(`${c.boxes[1]!.url}/box/status`)).refused === VOTES.length ? true : undefined,
    );
    await Promise.all(
      outs.map(async (o) => {
        const rec = await boxJson(`${c.boxes[1]!.url}/box/receipts/${o.tracker}`);
        expect(rec.forward_state).toBe('refused');
        expect(String(rec.forward_error)).toMatch(/^SIGNATURE_INVALID/);
        // Each receipt-holding ballot is on the ledger once, attested by box-3 alone.
        const k = await check(c, o.tracker!);
        expect(k.standing).toBe('counted');
        expect(k.records.map((r) => r.box)).toEqual(['box-3']);
      }),
    );
    expect((await waitStatus(c, 'status', 5_000, () => true)).final.ballots).toBe(VOTES.length);
  }, 120_000);

  it('one trustee goes offline: the process of trustee 4 is killed', async () => {
    const s = await statusJson(c);
    expect(s.phase).toBe('open');
    expect((s.ceremony as { phase: string }).phase).toBe('done');
    await kill(c.trustees[3] as unknown as NodeProc, 'SIGKILL');
    expect(c.trustees[3]!.proc.signalCode).toBe('SIGKILL');
  });

  it('after the close, trustees 1 and 2 decrypt; the counts equal the first votes', async () => {
    await closeAndTally(c, ELECTION);
    expect(await results(c)).toEqual(intended(VOTES));
    const s = await statusJson(c);
    expect(s.phase).toBe('done');
    expect(s.counted).toBe(VOTES.length);
    const tally = s.tally as {
      decryptions: number[];
      excluded: number[];
      needed: number;
      decrypted: boolean;
    };
    expect([...tally.decryptions].sort()).toEqual([1, 2]);
    expect(tally).toMatchObject({ excluded: [], needed: 2, decrypted: true });
  }, 120_000);

  it("trustee 3's wrong partial decryption is refused by the ledger, which names it", async () => {
    await waitFor('trustee 3 refused', 30_000, async () =>
      /DECRYPTION_INVALID/.test(c.trustees[2]!.log.join('')) ? true : undefined,
    );
    const log = c.trustees[2]!.log.join('');
    expect(log).toMatch(/wrong-partial|wrongPartial/);
    // `pnyx trustee status` of trustee 3 shows the decryption done without it.
    const st = await pnyx([
      'trustee',
      'status',
      '--node',
      c.registrar.url,
      '--data-dir',
      c.dir,
      '--name',
      't3',
      '--json',
    ]);
    const j = JSON.parse(st.stdout.trim()) as {
      decryption: { accepted: number[]; used: number[]; excluded: number[]; needed: number };
    };
    // The ledger took the shares of trustees 1 and 2 only; trustee 3's never reached a block.
    expect([...j.decryption.accepted].sort()).toEqual([1, 2]);
    expect([...j.decryption.used].sort()).toEqual([1, 2]);
    expect(j.decryption).toMatchObject({ excluded: [], needed: 2 });
    expect(log).toMatch(/trustee refused: [A-Z_]*:? ?DECRYPTION_INVALID|DECRYPTION_INVALID/);
  }, 60_000);

  it('pnyx verify passes on the ledger and names the trustees the result was decrypted with', async () => {
    const v = await verify({ node: c.registrar.url });
    expect(v.ok).toBe(true);
    expect(v.checks.every((x) => x.ok)).toBe(true);
    const dec = v.checks.find((x) => x.name === 'partial decryptions')!;
    // The shares come in either order: "decrypted with trustees 1 and 2" or "… 2 and 1".
    expect(dec.summary).toMatch(/decrypted with trustees (1 and 2|2 and 1)$/);
  }, 120_000);

  it('a ledger where colluders let the wrong partial through: verify names trustee 3 and the result stays right', async () => {
    const file = join(c.dir, 'ledger.jsonl');
    await downloadExport(c.registrar.url, file);
    const secrets = parseJson(
      readFileSync(join(trusteeSecretsDir(c.dir, 't3'), `${fingerprint}.json`), 'utf8'),
    );
    if (!secrets.ok) throw new Error(secrets.message);
    const body = (secrets.value as { published: Record<string, unknown> }).published.partial_decryption;
    expect(body).toBeDefined();
    const tx = forgeTx(c.identities.get('t3')!, c.genesisId, 'partial_decryption', body);
    const forged = join(c.dir, 'forged.jsonl');
    const added = appendApprovedBlock(file, forged, [tx], c.identities.get('registrar')!);
    const v = await verify({ file: forged }, [1]);
    expect(v.ok).toBe(false);
    const failed = v.checks.filter((x) => !x.ok).map((x) => x.name);
    expect(failed).toEqual(['partial decryptions']);
    const dec = v.checks.find((x) => x.name === 'partial decryptions')!;
    const p = dec.problems.find((x) => x.object.includes(added.txIds[0]!));
    expect(p?.code).toBe('DECRYPTION_INVALID');
    expect(p?.object).toMatch(/trustee 3/);
    expect(v.checks.find((x) => x.name === 'result equals the decryption')?.ok).toBe(true);
  }, 120_000);

  it("a ledger where colluders let box-2's altered ballots in before the close: verify refuses them by the voter's signature, the counts stand", async () => {
    const file = join(c.dir, 'ledger-2.jsonl');
    await downloadExport(c.registrar.url, file);
    const txs = alteredBallotTxs(join(c.dir, 'box-2.db'), 'box-2', c.identities.get('box-2')!, c.genesisId);
    expect(txs).toHaveLength(VOTES.length);
    const forged = join(c.dir, 'forged-2.jsonl');
    const added = insertApprovedBlock(file, forged, txs, c.identities.get('registrar')!, 'close');
    const v = await verify({ file: forged }, [1]);
    expect(v.ok).toBe(false);
    const failed = v.checks.filter((x) => !x.ok);
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f.name).toMatch(/^(ballots|every counted ballot)/);
    const problems = failed.flatMap((f) => f.problems);
    for (const id of added.txIds) {
      const p = problems.find((x) => x.object.includes(id));
      expect(p?.code, `${id}: ${JSON.stringify(problems)}`).toBe('SIGNATURE_INVALID');
      expect(p?.object).toMatch(/box-2/);
    }
    // The same ballots counted, the same tally, decryption and result.
    for (const name of [
      'encrypted tally equals the homomorphic sum',
      'partial decryptions',
      'result equals the decryption',
    ])
      expect(v.checks.find((x) => x.name === name)?.ok, name).toBe(true);
    expect(v.checks.find((x) => x.name.startsWith('ballots'))?.summary).toMatch(/5 counted/);
  }, 120_000);
});
