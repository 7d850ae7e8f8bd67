/**
 * The validator console's routes over real HTTP: a manual validator lists the blocks waiting for it with
 * every rule check, a person's verdict through the admin route is signed and counted, refusals carry
 * stable codes and change nothing; an automatic validator shows its verdicts and nothing pending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGenesis } from '../src/cli/genesis.js';
import { ed25519Native as ed } from '../src/crypto/node/ed25519-native.js';
import {
  approvalJson,
  checkApprovalSignature,
  decodeApproval,
  signApproval,
} from '../src/ledger/authority/approval.js';
import { decodeAuthorityGenesis } from '../src/ledger/authority/genesis.js';
import { txId, txJson } from '../src/ledger/authority/tx.js';
import { blockJson } from '../src/ledger/block.js';
import { createClient } from '../src/net/client.js';
import { RemoteError } from '../src/net/client-errors.js';
import { PEER_CLIENT_ROUTES } from '../src/node/http/peer-client.js';
import { GENESIS, identity, note, until, VALIDATOR } from './node-http/harness.js';
import { type Started, start, TOKEN } from './node-validator-console-node.js';

/** The code of a refused call (fails the test if the call succeeds). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RemoteError) return `${e.status} ${e.code}`;
    throw e;
  }
  throw new Error('the call was not refused');
}

/** A raw POST of the decide route (bodies the typed client would not send). */
async function rawDecide(url: string, body: string, token?: string): Promise<string> {
  const r = await fetch(`${url}/api/validator/decide`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const j = (await r.json()) as { error?: { code: string } };
  return `${r.status} ${j.error?.code ?? 'OK'}`;
}

const RULES = [
  'envelope',
  'parent_known',
  'final',
  'miner',
  'pow',
  'parent',
  'content',
  'height',
  'time',
  'tx_count',
];

describe('validator console, manual mode', () => {
  let n: Started;
  beforeAll(async () => {
    n = await start('manual', { validator: 'manual', miner: true, adminToken: TOKEN });
  });
  afterAll(async () => {
    await n.stop();
  });

  it('lists a mined block with every rule check, then signs a person’s approval', async () => {
    const g = await n.api.chain();
    const t = note(g.genesis.id, 'waiting for a person');
    const sent = await n.api.submitTx({ body: txJson(t) as never });
    expect(sent.id).toBe(txId(t));
    await until('a pending block', 20_000, async () => (await n.api.validator()).pending.length > 0);
    const v = await n.api.validator();
    expect(v.key).toBe(VALIDATOR.publicKey);
    expect(v.mode).toBe('manual');
    expect(v.history).toEqual([]);
    expect(v.pending_total).toBe(1);
    const p = v.pending[0]!;
    expect(p.height).toBe(1);
    expect(p.in_ledger).toBe(true);
    expect(p.status).toBe('pending');
    expect(p.approvals).toEqual([]);
    expect(p.txs).toEqual([sent.id]);
    expect(p.suggestion).toBe('approve');
    expect(p.checks.map((c) => c.name)).toEqual([...RULES, 'txs[0]']);
    expect(p.checks.every((c) => c.ok)).toBe(true);
    expect(p.checks.at(-1)?.message).toBe(`note ${sent.id}`);
    expect(p.checks.find((c) => c.name === 'height')?.message).toBe('1');
    // the explorer's view of the same block agrees
    const b = await n.api.block({ params: { id: p.id } });
    expect(b.status).toBe('pending');
    expect(b.block).toEqual(p.block);

    // refusals: no token, wrong token, bad bodies, unknown block: nothing changes
    const body = { block_id: p.id, verdict: 'approve' as const };
    expect(await refusal(n.api.validatorDecide({ body }))).toBe('401 UNAUTHORIZED');
    const wrong = createClient(PEER_CLIENT_ROUTES, n.url, { adminToken: 'wrong-token-wrong-token' });
    expect(await refusal(wrong.validatorDecide({ body }))).toBe('401 UNAUTHORIZED');
    for (const bad of [
      JSON.stringify({ block_id: p.id, verdict: 'maybe' }),
      JSON.stringify({ block_id: p.id.slice(1), verdict: 'approve' }),
      JSON.stringify({ block_id: p.id, verdict: 'approve', extra: 1 }),
      JSON.stringify({ block_id: p.id, verdict: 'reject', reason: 'x'.repeat(1001) }),
      JSON.stringify({ verdict: 'approve' }),
    ])
      expect(await rawDecide(n.url, bad, TOKEN), bad).toBe('400 BODY_INVALID');
    expect(await rawDecide(n.url, '{"block_id":', TOKEN)).toBe('400 JSON_INVALID');
    const unknown = { block_id: 'ab'.repeat(32), verdict: 'approve' as const };
    expect(await refusal(n.admin.validatorDecide({ body: unknown }))).toBe('404 NOT_FOUND');
    const still = await n.api.validator();
    expect(still.pending.map((x) => x.id)).toEqual(v.pending.map((x) => x.id));
    expect(still.history).toEqual([]);
    expect((await n.api.block({ params: { id: p.id } })).approvals).toEqual([]);

    // approve: the signed verdict is answered, counted on the block, and the block is final (quorum 1)
    const before = Date.now();
    const a = await n.admin.validatorDecide({ body });
    expect(a).toMatchObject({
      block_id: p.id,
      height: 1,
      validator: VALIDATOR.publicKey,
      verdict: 'approve',
    });
    const decoded = decodeApproval(a);
    const genesis = decodeAuthorityGenesis(blockJson(GENESIS));
    if (!decoded.ok || !genesis.ok) throw new Error('unreadable approval or genesis');
    expect(checkApprovalSignature(ed, genesis.value.genesis, decoded.value).ok).toBe(true);
    const forged = { ...decoded.value, verdict: 'reject' as const };
    expect(checkApprovalSignature(ed, genesis.value.genesis, forged).ok).toBe(false);
    const after = await n.api.block({ params: { id: p.id } });
    expect(after.approvals).toEqual([a]);
    expect(after.status).toBe('final');
    expect((await n.api.approvals({ params: { id: p.id } })).approvals).toEqual([a]);
    const h = await n.api.validator();
    expect(h.pending.some((x) => x.id === p.id)).toBe(false);
    expect(h.history[0]).toMatchObject({ block_id: p.id, height: 1, verdict: 'approve' });
    expect(h.history[0]?.time).toBeGreaterThanOrEqual(before);

    // deciding again is refused, whatever the verdict
    expect(await refusal(n.admin.validatorDecide({ body }))).toBe('409 APPROVAL_CONFLICT');
    expect(
      await refusal(n.admin.validatorDecide({ body: { block_id: p.id, verdict: 'reject', reason: 'no' } })),
    ).toBe('409 APPROVAL_CONFLICT');
    expect((await n.api.block({ params: { id: p.id } })).approvals).toEqual([a]);
  });

  it('signs a rejection with its reason; the history lists the newest first', async () => {
    const g = await n.api.chain();
    const sent = await n.api.submitTx({ body: txJson(note(g.genesis.id, 'to be rejected')) as never });
    await until('a second pending block', 20_000, async () =>
      (await n.api.validator()).pending.some((x) => x.txs.includes(sent.id)),
    );
    const p = (await n.api.validator()).pending.find((x) => x.txs.includes(sent.id))!;
    expect(p.height).toBe(2);
    expect(p.checks.every((c) => c.ok)).toBe(true);
    const r = await n.admin.validatorDecide({
      body: { block_id: p.id, verdict: 'reject', reason: 'not today' },
    });
    expect(r).toMatchObject({ block_id: p.id, height: 2, verdict: 'reject', reason: 'not today' });
    expect((await n.api.block({ params: { id: p.id } })).status).toBe('rejected');
    const h = (await n.api.validator()).history;
    expect(h.slice(0, 2).map((x) => [x.height, x.verdict, x.reason])).toEqual([
      [2, 'reject', 'not today'],
      [1, 'approve', undefined],
    ]);
  });
});

describe('validator console, other nodes', () => {
  it('an automatic validator shows its mode, nothing pending, its verdicts; admin routes off', async () => {
    const n = await start('auto', { validator: 'auto', miner: true });
    try {
      const v0 = await n.api.validator();
      expect(v0).toEqual({
        key: VALIDATOR.publicKey,
        mode: 'auto',
        pending: [],
        pending_total: 0,
        history: [],
      });
      const g = await n.api.chain();
      await n.api.submitTx({ body: txJson(note(g.genesis.id, 'signed by the rules')) as never });
      await until('an automatic verdict', 20_000, async () => (await n.api.validator()).history.length > 0);
      const v = await n.api.validator();
      expect(v.pending).toEqual([]);
      expect(v.history[0]).toMatchObject({ height: 1, verdict: 'approve' });
      const b = await n.api.block({ params: { id: v.history[0]!.block_id } });
      expect(b.status).toBe('final');
      // without an admin token on the node, the admin route is closed
      const body = { block_id: b.id, verdict: 'approve' as const };
      expect(await refusal(n.admin.validatorDecide({ body }))).toBe('403 FORBIDDEN');
    } finally {
      await n.stop();
    }
  });

  it('a node without the validator role answers 404 NOT_FOUND', async () => {
    const n = await start('observer', { adminToken: TOKEN });
    try {
      expect(await refusal(n.api.validator())).toBe('404 NOT_FOUND');
      const body = { block_id: 'ab'.repeat(32), verdict: 'approve' as const };
      expect(await refusal(n.admin.validatorDecide({ body }))).toBe('404 NOT_FOUND');
    } finally {
      await n.stop();
    }
  });
});

describe('validator console, blocks made final by other validators', () => {
  it('shows the live verdict of the rules: a block final already can only be rejected', async () => {
    const others = [identity('other-1'), identity('other-2')];
    const genesis = createGenesis({
      validators: [VALIDATOR.publicKey, ...others.map((o) => o.publicKey)],
      quorum: 2,
      hardness: 4,
      time: Date.now() - 60_000,
    });
    const n = await start('quorum', { validator: 'manual', miner: true, adminToken: TOKEN, genesis });
    try {
      const g = await n.api.chain();
      for (const text of ['first', 'second']) {
        const sent = await n.api.submitTx({ body: txJson(note(g.genesis.id, text)) as never });
        await until(`block of ${text}`, 20_000, async () =>
          (await n.api.validator()).pending.some((p) => p.txs.includes(sent.id)),
        );
      }
      const [b1, b2] = (await n.api.validator()).pending;
      if (!b1 || !b2) throw new Error('two pending blocks expected');
      // the two other validators approve both blocks over the peer route: both final without us
      for (const b of [b1, b2])
        for (const o of others) {
          const a = signApproval(ed, o.secretKey, {
            block_id: b.id,
            height: b.height,
            validator: o.publicKey,
            verdict: 'approve',
          });
          await n.api.peerApproval({ query: {}, body: approvalJson(a) as never });
        }
      await until('both final', 10_000, async () => (await n.api.chain()).final.height === 2);
      // a newer block, above the last final one, is listed first: there this verdict still decides
      const third = await n.api.submitTx({ body: txJson(note(g.genesis.id, 'third')) as never });
      await until('block of third', 20_000, async () =>
        (await n.api.validator()).pending.some((p) => p.txs.includes(third.id)),
      );
      const v = await n.api.validator();
      const [p3, p1, p2] = v.pending;
      expect([p3?.height, p1?.height, p2?.height]).toEqual([3, 1, 2]);
      expect(p3?.suggestion).toBe('approve');
      // block 1 is below the last final block: the place check fails, the rules say reject
      expect(p1?.status).toBe('final');
      expect(p1?.checks.map((c) => [c.name, c.ok])).toEqual([
        ['envelope', true],
        ['parent_known', true],
        ['final', false],
      ]);
      expect(p1?.suggestion).toBe('reject');
      expect(p1?.reason).toBe(
        'BLOCK_CONFLICTS_FINAL: the block is final already, below the last final block at height 2',
      );
      // block 2 is the last final block: every check passes
      expect(p2?.checks.every((c) => c.ok)).toBe(true);
      expect(p2?.suggestion).toBe('approve');
      // approving block 1 is refused and changes nothing; rejecting it is signed
      const approve1 = { block_id: b1.id, verdict: 'approve' as const };
      expect(await refusal(n.admin.validatorDecide({ body: approve1 }))).toBe('422 APPROVAL_INVALID');
      expect((await n.api.block({ params: { id: b1.id } })).approvals).toHaveLength(2);
      const r = await n.admin.validatorDecide({ body: { block_id: b1.id, verdict: 'reject' } });
      expect(r.reason).toMatch(/^BLOCK_CONFLICTS_FINAL: /);
      expect((await n.api.block({ params: { id: b1.id } })).approvals).toHaveLength(3);
      const a2 = await n.admin.validatorDecide({ body: { block_id: b2.id, verdict: 'approve' } });
      expect(a2.verdict).toBe('approve');
      expect((await n.api.validator()).pending_total).toBe(1);
    } finally {
      await n.stop();
    }
  });
});
