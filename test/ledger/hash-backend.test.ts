import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import { sha256Hex } from '../../src/crypto/encoding/hash.js';
import { sha256HexNative } from '../../src/crypto/node/sha256-native.js';
import { approvalId, signApproval } from '../../src/ledger/authority/approval.js';
import { txBytes, txId } from '../../src/ledger/authority/tx.js';
import { blockId, identifyBlock } from '../../src/ledger/block.js';
import { ledgerHashHex, utf8Length } from '../../src/ledger/hash.js';
import { useNativeLedgerHash } from '../../src/ledger/node/native-hash.js';
import { ALICE, ed, GENESIS, GENESIS_ID, tx, V } from './helpers.js';

afterEach(() => useNativeLedgerHash(false));

describe('ledger id hash backends', () => {
  it('native and pure SHA-256 give the same digest for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(sha256HexNative(s)).toBe(sha256Hex(s));
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
    // lone surrogates are encoded as U+FFFD by both
    for (const s of ['\ud800', 'a\udc00b', '\ud83d\ude00', '\ud83d', '\udfff\ud800x'])
      expect([sha256HexNative(s), utf8Length(s)]).toEqual([sha256Hex(s), new TextEncoder().encode(s).length]);
  });

  it('blocks, transactions and approvals get the same ids on both backends', () => {
    const t = tx(ALICE, 'vote', 'x');
    const a = signApproval(ed, V[0]!.sk, {
      block_id: GENESIS_ID,
      height: 1,
      validator: V[0]!.pk,
      verdict: 'approve',
    });
    const pure = [blockId(GENESIS), txId(t), approvalId(a), ledgerHashHex('x')];
    const ib = identifyBlock(JSON.parse(canonicalJson(GENESIS as unknown as JsonValue)), 1 << 20);
    useNativeLedgerHash();
    const native = [blockId(GENESIS), txId(t), approvalId(a), ledgerHashHex('x')];
    expect(native).toEqual(pure);
    expect(pure[0]).toBe(GENESIS_ID);
    const ib2 = identifyBlock(JSON.parse(canonicalJson(GENESIS as unknown as JsonValue)), 1 << 20);
    expect(ib2).toEqual(ib);
    expect(txBytes(t)).toBe(new TextEncoder().encode(canonicalJson(t as unknown as JsonValue)).length);
  });
});
