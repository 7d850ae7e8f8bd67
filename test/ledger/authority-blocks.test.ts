import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import { decodeAuthorityGenesis } from '../../src/ledger/authority/genesis.js';
import { txJson } from '../../src/ledger/authority/tx.js';
import { blockId, blockJson, decodeBlock } from '../../src/ledger/block.js';
import {
  ALICE,
  BOB,
  child,
  GENESIS,
  GENESIS_ID,
  genesisBlock,
  HARDNESS,
  mine,
  mineBad,
  openLedger,
  T0,
  tx,
  V,
} from './helpers.js';

const root = { id: GENESIS_ID, height: 0 };

function code(r: { ok: boolean; code?: string }): string {
  return r.ok ? 'ok' : r.code!;
}

describe('block envelope decoding', () => {
  const good = blockJson(GENESIS) as Record<string, JsonValue>;
  it('accepts a well-formed envelope', () => expect(decodeBlock(good).ok).toBe(true));
  it.each([
    ['an extra key', { ...good, extra: 1 }],
    ['a missing key', { parent_id: '', miner_name: 'x', nonce: 1 }],
    ['uppercase parent_id', { ...good, parent_id: 'AB'.repeat(32) }],
    ['short parent_id', { ...good, parent_id: 'ab' }],
    ['a negative nonce', { ...good, nonce: -1 }],
    ['a string nonce', { ...good, nonce: '1' }],
    ['a huge nonce', { ...good, nonce: 2n ** 60n }],
    ['a long miner name', { ...good, miner_name: 'x'.repeat(257) }],
    ['array content', { ...good, content: [] }],
    ['not an object', [good]],
    ['null', null],
  ])('rejects %s', (_, v) => expect(code(decodeBlock(v))).toBe('BLOCK_INVALID'));
});

describe('authority genesis', () => {
  it('accepts the fixture', () => expect(decodeAuthorityGenesis(blockJson(GENESIS)).ok).toBe(true));
  const cases: [string, Record<string, JsonValue>][] = [
    ['another profile', { profile: 'runner' }],
    ['a minority quorum', { validators: [...V.map((v) => v.pk), 'ab'.repeat(32)], quorum: 2 }],
    ['a quorum above the validator count', { quorum: 4 }],
    ['no validators', { validators: [] }],
    ['duplicate validators', { validators: [V[0]!.pk, V[0]!.pk, V[1]!.pk] }],
    ['a malformed validator key', { validators: ['xyz'] }],
    ['a float-like time', { time: -1 }],
    ['bad limits', { limits: { block_bytes: 0 } }],
    ['unknown limits', { limits: { speed: 1 } }],
    ['duplicate miners', { miners: ['a', 'a'] }],
  ];
  it.each(cases)('rejects %s', (_, extra) =>
    expect(code(decodeAuthorityGenesis(blockJson(genesisBlock(extra))))).toBe('GENESIS_INVALID'));
  it('rejects a genesis with a parent', () => {
    const b = mine({ ...GENESIS, parent_id: 'ab'.repeat(32) });
    expect(code(decodeAuthorityGenesis(blockJson(b)))).toBe('GENESIS_INVALID');
  });
  it('rejects a genesis without its proof of work', () => {
    const { nonce: _, ...rest } = GENESIS;
    expect(code(decodeAuthorityGenesis(blockJson(mineBad(rest))))).toBe('BLOCK_POW_INVALID');
  });
  it('keeps unknown keys for the election layer', () => {
    const g = decodeAuthorityGenesis(blockJson(genesisBlock({ election: { name: 'x' } })));
    expect(g.ok && g.value.genesis.content.election).toEqual({ name: 'x' });
  });
});

describe('authority block rules', () => {
  it('accepts a valid block and reports a known one', async () => {
    const l = await openLedger();
    const b = child(root, [tx(ALICE, 'vote', 1), tx(BOB, 'note', { text: 'hi' })]);
    expect(await l.addBlock(b.json)).toEqual({ ok: true, value: { id: b.id, height: 1, status: 'added' } });
    expect((await l.addBlock(b.json)).ok && 'known').toBe('known');
    expect(l.head().id).toBe(b.id);
  });

  const mk = (content: Record<string, JsonValue>, parent = GENESIS_ID) =>
    blockJson(mine({ parent_id: parent, miner_name: 'm', content }));
  const t1 = T0 + 1000;
  const defects: [string, () => JsonValue, string][] = [
    [
      'bad proof of work',
      () =>
        blockJson(
          mineBad({ parent_id: GENESIS_ID, miner_name: 'm', content: { height: 1, time: t1, txs: [] } }),
        ),
      'BLOCK_POW_INVALID',
    ],
    ['unknown parent', () => mk({ height: 1, time: t1, txs: [] }, 'cd'.repeat(32)), 'BLOCK_PARENT_UNKNOWN'],
    ['wrong height', () => mk({ height: 2, time: t1, txs: [] }), 'BLOCK_HEIGHT_INVALID'],
    ['time before the parent', () => mk({ height: 1, time: T0 - 1, txs: [] }), 'BLOCK_TIME_INVALID'],
    ['time far in the future', () => mk({ height: 1, time: T0 + 10_000_000, txs: [] }), 'BLOCK_TIME_INVALID'],
    ['an extra content key', () => mk({ height: 1, time: t1, txs: [], x: 1 }), 'BLOCK_INVALID'],
    ['txs not a list', () => mk({ height: 1, time: t1, txs: {} }), 'BLOCK_INVALID'],
    ['a second genesis', () => blockJson(genesisBlock({ comment: 'other' })), 'BLOCK_PARENT_UNKNOWN'],
    [
      'a forged signature',
      () =>
        mk({ height: 1, time: t1, txs: [{ ...(txJson(tx(ALICE, 'vote', 1)) as object), author: BOB.pk }] }),
      'SIGNATURE_INVALID',
    ],
    [
      'a transaction of another ledger',
      () => mk({ height: 1, time: t1, txs: [txJson(tx(ALICE, 'vote', 1, 'ee'.repeat(32)))] }),
      'GENESIS_MISMATCH',
    ],
    [
      'an unknown transaction type',
      () => mk({ height: 1, time: t1, txs: [txJson(tx(ALICE, 'mystery', 1))] }),
      'TX_TYPE_UNKNOWN',
    ],
    [
      'a bad transaction body',
      () => mk({ height: 1, time: t1, txs: [txJson(tx(ALICE, 'vote', 7))] }),
      'BALLOT_INVALID',
    ],
    ['a malformed transaction', () => mk({ height: 1, time: t1, txs: [{ type: 'vote' }] }), 'TX_INVALID'],
    [
      'a transaction twice in the block',
      () =>
        mk({
          height: 1,
          time: t1,
          txs: [txJson(tx(BOB, 'note', { text: 'a' })), txJson(tx(BOB, 'note', { text: 'a' }))],
        }),
      'TX_DUPLICATE',
    ],
    [
      'a transaction its rule refuses',
      () => mk({ height: 1, time: t1, txs: [txJson(tx(ALICE, 'vote', 1)), txJson(tx(ALICE, 'vote', 0))] }),
      'TX_NOT_ALLOWED',
    ],
  ];
  it.each(defects)('rejects a block with %s', async (_, make, expected) => {
    const l = await openLedger();
    expect(code(await l.addBlock(make()))).toBe(expected);
    expect(l.head().id).toBe(GENESIS_ID);
  });

  it('rejects a transaction already on the chain and a refused one across blocks', async () => {
    const l = await openLedger();
    const v = tx(ALICE, 'vote', 1);
    const b1 = child(root, [v]);
    expect((await l.addBlock(b1.json)).ok).toBe(true);
    expect(code(await l.addBlock(child({ id: b1.id, height: 1 }, [v]).json))).toBe('TX_DUPLICATE');
    expect(code(await l.addBlock(child({ id: b1.id, height: 1 }, [tx(ALICE, 'vote', 0)]).json))).toBe(
      'TX_NOT_ALLOWED',
    );
    // On a sibling branch the same transaction is not on the chain.
    expect((await l.addBlock(child(root, [v], T0 + 1500).json)).ok).toBe(true);
  });

  it('enforces size limits and the miner allow-list from the genesis', async () => {
    const g = genesisBlock({ limits: { block_bytes: 600, tx_bytes: 400 }, miners: ['m1'] });
    const l = await openLedger(undefined, g);
    const gid = blockId(g);
    const note = (text: string) => tx(BOB, 'note', { text }, gid);
    const big = child({ id: gid, height: 0 }, [note('x'.repeat(300))]);
    expect(code(await l.addBlock(big.json))).toBe('BLOCK_TOO_LARGE');
    const tooBigTx = mine({
      parent_id: gid,
      miner_name: 'm1',
      content: { height: 1, time: T0 + 1, txs: [txJson(note('y'.repeat(200)))] },
    });
    expect(code(await l.addBlock(blockJson(tooBigTx)))).toBe('BLOCK_TOO_LARGE');
    expect(code(await l.addBlock(child({ id: gid, height: 0 }, [], T0 + 1, 'intruder').json))).toBe(
      'BLOCK_MINER_UNKNOWN',
    );
    expect((await l.addBlock(child({ id: gid, height: 0 }, [], T0 + 1, 'm1').json)).ok).toBe(true);
    expect(HARDNESS).toBeGreaterThan(0);
  });
});
