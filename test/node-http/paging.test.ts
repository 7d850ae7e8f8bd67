/** Size rules of the peer wire: pages of block entries cut at a byte budget, transaction batches split. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { entriesJson } from '../../src/node/http/entries-json.js';
import { txBatches } from '../../src/node/http/peer-client.js';
import type { WireEntry } from '../../src/node/peer-client.js';

const entry = (i: number, size: number): WireEntry => ({
  block: { content: { pad: 'x'.repeat(size), i }, miner_name: 'm', nonce: i, parent_id: '' },
  approvals: [],
});

describe('entriesJson', () => {
  it('encodes every entry canonically when within the budget', () => {
    const es = [entry(1, 10), entry(2, 10)];
    const text = entriesJson(es, 1_000_000);
    expect(text).toBe(canonicalJson({ entries: es as unknown as JsonValue[] }));
    expect(parseJson(text).ok).toBe(true);
  });

  it('stops before the entry that would pass the budget, but always sends the first', () => {
    const es = [entry(1, 400), entry(2, 400), entry(3, 400)];
    const one = canonicalJson(es[0] as unknown as JsonValue).length + 1;
    const p = parseJson(entriesJson(es, 2 * one + 10));
    expect(p.ok && (p.value as { entries: unknown[] }).entries.length).toBe(2);
    const first = parseJson(entriesJson(es, 10));
    expect(first.ok && (first.value as { entries: unknown[] }).entries.length).toBe(1);
    expect(entriesJson([], 10)).toBe('{"entries":[]}');
  });
});

describe('txBatches', () => {
  it('splits at 1000 transactions and at about 4 MiB, keeping order', () => {
    const small = Array.from({ length: 2500 }, (_, i) => ({ i }));
    const b = txBatches(small, () => 10);
    expect(b.map((x) => x.length)).toEqual([1000, 1000, 500]);
    expect(b.flat()).toEqual(small);
    const big = Array.from({ length: 10 }, (_, i) => ({ i }));
    expect(txBatches(big, () => 1024 * 1024).map((x) => x.length)).toEqual([3, 3, 3, 1]);
    expect(txBatches([], () => 1)).toEqual([]);
  });
});
