/**
 * Worker-thread signature checks agree with the node:crypto backend on honest, mutated and
 * policy-breaking signatures, and never let a forged item through: the ledger still verifies every id
 * the pool did not confirm.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson, type JsonObject } from '../../src/crypto/encoding/canonical-json.js';
import { sha256 } from '../../src/crypto/encoding/hash.js';
import { approvalId, approvalJson, signApproval } from '../../src/ledger/authority/approval.js';
import { txId, txJson } from '../../src/ledger/authority/tx.js';
import { blockJson } from '../../src/ledger/block.js';
import { preverifyEntries, preverifyTxs } from '../../src/node/preverify.js';
import { createVerifyPool } from '../../src/node/verify-pool.js';
import { child, mine, openLedger, T0 } from '../ledger/helpers.js';
import { ed, GENESIS_ID, keyPair, tx, V } from './helpers.js';

const pool = createVerifyPool(2);
afterAll(() => pool.close());

describe('verify pool', () => {
  it('agrees with the backend on honest and mutated signatures', async () => {
    const k = keyPair('pool');
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(63),
        fc.nat(255),
        fc.boolean(),
        async (message, at, flip, mutate) => {
          const sig = ed.sign(k.sk, message);
          const signature = mutate ? sig.map((b, i) => (i === at ? b ^ (flip | 1) : b)) : sig;
          const publicKey = ed.publicKeyFromSecret(k.sk);
          const [r] = await pool.verify([{ publicKey, message, signature }]);
          expect(r).toBe(ed.verify(publicKey, message, signature));
          expect(r).toBe(!mutate);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses what the byte policy refuses (non-canonical S, small-order key, bad lengths)', async () => {
    const k = keyPair('policy');
    const message = sha256('m');
    const sig = ed.sign(k.sk, message);
    const publicKey = ed.publicKeyFromSecret(k.sk);
    const highS = sig.slice();
    highS[63] = 0xff; // S ≥ L
    const smallOrder = new Uint8Array(32);
    smallOrder[0] = 1; // the identity point
    const rs = await pool.verify([
      { publicKey, message, signature: sig },
      { publicKey, message, signature: highS },
      { publicKey: smallOrder, message, signature: sig },
      { publicKey: publicKey.subarray(0, 31), message, signature: sig },
    ]);
    expect(rs).toEqual([true, false, false, false]);
  });

  it('confirms honest transactions and approvals only; the ledger refuses a forged one anyway', async () => {
    const good = tx(keyPair('a'), 'note', { text: 'a' });
    const forged: JsonObject = {
      ...(txJson(tx(keyPair('b'), 'note', { text: 'b' })) as JsonObject),
      body: { text: 'forged' },
    };
    const ok = await preverifyTxs(pool, [txJson(good), forged, 'garbage']);
    expect([...ok]).toEqual([txId(good)]);
    // a page with a forged transaction: its id is not confirmed, so the ledger verifies it and refuses
    const l = await openLedger();
    const b = child({ id: GENESIS_ID, height: 0 }, [good]);
    const approvals = V.slice(0, 2).map((v) =>
      approvalJson(
        signApproval(ed, v.sk, { block_id: b.id, height: 1, validator: v.pk, verdict: 'approve' }),
      ),
    );
    const verified = await preverifyEntries(pool, [{ block: b.json, approvals }]);
    expect(verified.size).toBe(3);
    const r = await l.addBlocks([{ block: b.json, approvals }], { signatureOk: (id) => verified.has(id) });
    expect(r.failure).toBeUndefined();
    expect(l.lastFinal().id).toBe(b.id);
    const bad = blockJson(
      mine({ parent_id: b.id, miner_name: 'm1', content: { height: 2, time: T0 + 2000, txs: [forged] } }),
    );
    const v2 = await preverifyEntries(pool, [{ block: bad, approvals: [] }]);
    expect(v2.size).toBe(0);
    const r2 = await l.addBlocks([{ block: bad, approvals: [] }], { signatureOk: (id) => v2.has(id) });
    expect(r2.failure?.code).toBe('SIGNATURE_INVALID');
  });

  it('checks a page from its text: the same ids as from its entries, none for text it cannot read', async () => {
    const good = tx(keyPair('page-a'), 'note', { text: 'a' });
    const other = tx(keyPair('page-b'), 'note', { text: 'b' });
    const forged: JsonObject = { ...(txJson(other) as JsonObject), body: { text: 'forged' } };
    const b1 = child({ id: GENESIS_ID, height: 0 }, [good, other]);
    const a1 = signApproval(ed, V[0]!.sk, {
      block_id: b1.id,
      height: 1,
      validator: V[0]!.pk,
      verdict: 'approve',
    });
    const a2 = {
      ...approvalJson(
        signApproval(ed, V[1]!.sk, { block_id: b1.id, height: 1, validator: V[1]!.pk, verdict: 'approve' }),
      ),
      height: 2,
    };
    const b2 = blockJson(
      mine({ parent_id: b1.id, miner_name: 'm1', content: { height: 2, time: T0 + 2000, txs: [forged] } }),
    );
    const entries = [
      { block: b1.json, approvals: [approvalJson(a1), a2] },
      { block: b2, approvals: ['not an approval'] },
    ];
    const fromText = await pool.verifyPage(canonicalJson({ entries } as unknown as JsonObject));
    // the honest transactions and approval only: not the forged transaction, not the approval with a changed height
    expect(new Set(fromText)).toEqual(new Set([txId(good), txId(other), approvalId(a1)]));
    expect(fromText).toEqual(await preverifyEntries(pool, entries));
    for (const text of ['', '{"entries":', '[1,2]', '{"entries":{}}', '{"entries":[1,null,{"block":7}]}'])
      expect((await pool.verifyPage(text)).size).toBe(0);
  });

  it('fails the requests of a failing worker at once and then every request, instead of stalling', async () => {
    const broken = createVerifyPool(2, {
      workerUrl: new URL('./fixtures/failing-verify-worker.mjs', import.meta.url),
    });
    try {
      const k = keyPair('broken');
      const message = sha256('m');
      const job = { publicKey: ed.publicKeyFromSecret(k.sk), message, signature: ed.sign(k.sk, message) };
      // each worker fails on the request it gets
      await expect(broken.verifyPage('{"entries":[]}')).rejects.toThrow(/on purpose|exited/);
      await expect(broken.verify([job])).rejects.toThrow(/on purpose|exited/);
      // with no worker left, a request fails without waiting for an answer that will never come
      await expect(broken.verifyPage('{"entries":[]}')).rejects.toThrow('no running worker');
      await expect(broken.verify([job])).rejects.toThrow('no running worker');
    } finally {
      await broken.close();
    }
  });
});
