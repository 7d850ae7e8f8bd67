/** Size rules of the peer wire: pages of block entries cut at a byte budget, transaction batches split. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { entriesPage, entryText } from '../../src/node/entries-page.js';
import { txBatches } from '../../src/node/http/peer-client.js';
import type { WireEntry } from '../../src/node/peer-client.js';

const entry = (i: number, size: number): WireEntry => ({
  block: { content: { pad: 'x'.repeat(size), i }, miner_name: 'm', nonce: i, parent_id: '' },
  approvals: [],
});

/** Canonical text of an entry, as the chain caches it. */
const textOf = (e: WireEntry) => canonicalJson(e as unknown as JsonValue);

describe('entriesPage', () => {
  it('is the canonical page when every entry fits the budget', () => {
    const es = [entry(1, 10), entry(2, 10)];
    const text = entriesPage(es.map(textOf), 1_000_000);
    expect(text).toBe(canonicalJson({ entries: es as unknown as JsonValue[] }));
    expect(parseJson(text).ok).toBe(true);
  });

  it('stops before the entry that would pass the budget, but always sends the first', () => {
    const es = [entry(1, 400), entry(2, 400), entry(3, 400)];
    const one = textOf(es[0]!).length + 1;
    const p = parseJson(entriesPage(es.map(textOf), 2 * one + 10));
    expect(p.ok && (p.value as { entries: unknown[] }).entries.length).toBe(2);
    const first = parseJson(entriesPage(es.map(textOf), 10));
    expect(first.ok && (first.value as { entries: unknown[] }).entries.length).toBe(1);
    expect(entriesPage([], 10)).toBe('{"entries":[]}');
  });

  it('counts bytes, not characters', () => {
    const wide: WireEntry = {
      approvals: [],
      block: { parent_id: '', miner_name: 'm', nonce: 1, content: { pad: 'é'.repeat(100) } },
    };
    const bytes = Buffer.byteLength(textOf(wide)) + 1;
    const p = parseJson(entriesPage([textOf(wide), textOf(wide)], 2 * bytes - 1));
    expect(p.ok && (p.value as { entries: unknown[] }).entries.length).toBe(1);
  });
});

describe('entryText', () => {
  it('is the canonical JSON of the entry, from the canonical texts of its parts', () => {
    const approvals: JsonValue[] = [
      { b: 1, a: 'x' },
      { z: [2, 1], y: 'é\u0000"' },
    ];
    const e = { approvals, block: entry(3, 5).block };
    expect(
      entryText(
        canonicalJson(e.block as unknown as JsonValue),
        approvals.map((a) => canonicalJson(a)),
      ),
    ).toBe(canonicalJson(e as unknown as JsonValue));
    expect(entryText(canonicalJson(e.block as unknown as JsonValue), [])).toBe(
      canonicalJson({ ...e, approvals: [] } as unknown as JsonValue),
    );
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
