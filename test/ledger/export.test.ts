import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonObject, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { approvalJson, signApproval } from '../../src/ledger/authority/approval.js';
import { exportAuthority } from '../../src/ledger/export/export.js';
import { importAuthority } from '../../src/ledger/export/import.js';
import { verifyExport } from '../../src/ledger/export/verify.js';
import { MemoryStore } from '../../src/ledger/memory-store.js';
import {
  ALICE,
  BOB,
  child,
  ed,
  GENESIS_ID,
  keyPair,
  mine,
  openLedger,
  registry,
  T0,
  tx,
  V,
} from './helpers.js';

const root = { id: GENESIS_ID, height: 0 };

/** A ledger of 4 blocks after the genesis; blocks 1–2 final, 3 approved once, 4 unapproved. */
async function sample() {
  const l = await openLedger();
  const b1 = child(root, [tx(ALICE, 'vote', 1)]);
  const b2 = child({ id: b1.id, height: 1 }, [tx(BOB, 'vote', 0), tx(BOB, 'note', { text: 'x' })]);
  const b3 = child({ id: b2.id, height: 2 }, [tx(ALICE, 'note', { text: 'y' })]);
  const b4 = child({ id: b3.id, height: 3 });
  for (const b of [b1, b2, b3, b4]) expect((await l.addBlock(b.json)).ok).toBe(true);
  const approve = (v: (typeof V)[number], b: { id: string }, height: number) =>
    l.addApproval(
      approvalJson(signApproval(ed, v.sk, { block_id: b.id, height, validator: v.pk, verdict: 'approve' })),
    );
  await approve(V[0]!, b1, 1);
  await approve(V[1]!, b1, 1);
  await approve(V[1]!, b2, 2);
  await approve(V[2]!, b2, 2);
  await approve(V[0]!, b3, 3);
  return { l, lines: exportAuthority(l), ids: [b1.id, b2.id, b3.id, b4.id] };
}

function edit(lines: string[], i: number, f: (o: JsonObject) => void): string[] {
  const o = parseJson(lines[i]!);
  if (!o.ok) throw new Error(o.message);
  f(o.value as JsonObject);
  const out = [...lines];
  out[i] = canonicalJson(o.value);
  return out;
}

describe('export and offline verification', () => {
  it('exports the main chain and verifies it, with the election rules or without', async () => {
    const { lines, ids } = await sample();
    expect(lines.length).toBe(6);
    expect(JSON.parse(lines[0]!)).toEqual({
      blocks: 5,
      format: 'pnyx-ledger',
      genesis: GENESIS_ID,
      profile: 'authority',
      version: 1,
    });
    const r = verifyExport(lines, { ed, registry });
    expect(r).toMatchObject({ ok: true, blocks: 5, head: ids[3], finalHeight: 2, rulesChecked: true });
    expect(verifyExport([...lines, '', ''], { ed })).toMatchObject({ ok: true, rulesChecked: false });
  });

  it('imports into a fresh ledger', async () => {
    const { lines, l } = await sample();
    const fresh = await openLedger(new MemoryStore());
    const r = await importAuthority(fresh, lines);
    expect(r).toEqual({ ok: true, value: { blocks: 4, approvals: 5 } });
    expect(fresh.head().id).toBe(l.head().id);
    expect(fresh.lastFinal().id).toBe(l.lastFinal().id);
  });

  const block = (o: JsonObject) => o.block as JsonObject;
  const content = (o: JsonObject) => block(o).content as JsonObject;
  const tampers: [string, (lines: string[]) => string[], number, string][] = [
    [
      'a changed transaction body',
      (x) =>
        edit(x, 2, (o) => {
          (content(o).txs as JsonObject[])[0]!.body = 0;
        }),
      3,
      'BLOCK_POW_INVALID',
    ],
    [
      'a changed nonce',
      (x) =>
        edit(x, 3, (o) => {
          block(o).nonce = (block(o).nonce as number) + 1;
        }),
      4,
      'BLOCK_POW_INVALID',
    ],
    [
      'a re-mined block with other content',
      (x) =>
        edit(x, 3, (o) => {
          const b = block(o);
          const { nonce: _, ...rest } = b as unknown as {
            nonce: number;
            parent_id: string;
            miner_name: string;
            content: JsonObject;
          };
          const re = mine({ ...rest, content: { ...rest.content, txs: [] } });
          o.block = { ...re } as unknown as JsonObject;
          o.approvals = [];
        }),
      5,
      'BLOCK_LINK_INVALID',
    ],
    ['two lines swapped', (x) => [x[0]!, x[1]!, x[3]!, x[2]!, x[4]!, x[5]!], 3, 'BLOCK_LINK_INVALID'],
    [
      'a forged approval',
      (x) =>
        edit(x, 2, (o) => {
          (o.approvals as JsonObject[])[0]!.verdict = 'reject';
        }),
      3,
      'SIGNATURE_INVALID',
    ],
    [
      'an approval by an outsider',
      (x) =>
        edit(x, 3, (o) => {
          const m = keyPair('mallory');
          (o.approvals as JsonObject[]).push(
            approvalJson(
              signApproval(ed, m.sk, {
                block_id: String(block(o).parent_id),
                height: 2,
                validator: m.pk,
                verdict: 'approve',
              }),
            ) as JsonObject,
          );
        }),
      4,
      'APPROVAL_NOT_VALIDATOR',
    ],
    [
      'an approval of another block',
      (x) =>
        edit(x, 4, (o) => {
          (o.approvals as JsonObject[]).push(
            approvalJson(
              signApproval(ed, V[2]!.sk, {
                block_id: String(block(o).parent_id),
                height: 3,
                validator: V[2]!.pk,
                verdict: 'approve',
              }),
            ) as JsonObject,
          );
        }),
      5,
      'APPROVAL_INVALID',
    ],
    [
      'a duplicated approval',
      (x) =>
        edit(x, 2, (o) => {
          (o.approvals as JsonObject[]).push((o.approvals as JsonObject[])[0]!);
        }),
      3,
      'APPROVAL_CONFLICT',
    ],
    ['a missing block', (x) => [x[0]!, x[1]!, x[2]!, x[4]!, x[5]!], 4, 'BLOCK_LINK_INVALID'],
    ['a truncated file', (x) => x.slice(0, 4), 4, 'EXPORT_INVALID'],
    ['a garbage line', (x) => [...x.slice(0, 3), '{"block":', ...x.slice(4)], 4, 'EXPORT_INVALID'],
    [
      'another genesis',
      (x) =>
        edit(x, 0, (o) => {
          o.genesis = 'ab'.repeat(32);
        }),
      2,
      'GENESIS_MISMATCH',
    ],
    [
      'a wrong header',
      (x) =>
        edit(x, 0, (o) => {
          o.version = 2;
        }),
      1,
      'EXPORT_INVALID',
    ],
  ];
  it.each(tampers)('names the first bad block after %s', async (_, tamper, line, code) => {
    const { lines } = await sample();
    const r = verifyExport(tamper(lines), { ed, registry });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect({ line: r.line, code: r.code }).toEqual({ line, code });
    if (line > 2 && code !== 'EXPORT_INVALID') expect(r.height).toBe(line - 2);
  });

  it('applies the election rules when given them', async () => {
    const l = await openLedger();
    const b1 = child(root, [tx(ALICE, 'vote', 1)]);
    await l.addBlock(b1.json);
    const lines = exportAuthority(l);
    // A second vote by Alice slipped into a re-mined block 2 is caught only with the registry.
    const b2 = child({ id: b1.id, height: 1 }, [tx(ALICE, 'vote', 0)], T0 + 9000);
    const forged = [...lines, JSON.stringify({ approvals: [], block: b2.json })];
    const withHeader = edit(forged, 0, (o) => {
      o.blocks = 3;
    });
    expect(verifyExport(withHeader, { ed })).toMatchObject({ ok: true });
    expect(verifyExport(withHeader, { ed, registry })).toMatchObject({
      ok: false,
      code: 'TX_NOT_ALLOWED',
      line: 4,
      height: 2,
    });
  });
});
