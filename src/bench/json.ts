/** Throughput of canonical JSON (MB/s of text) on about 5 MB of block-like content. */
import {
  canonicalJson,
  type JsonObject,
  type JsonValue,
  parseCanonicalJson,
  parseJson,
} from '../crypto/encoding/canonical-json.js';
import { type Figure, msPerOp } from './measure.js';

/** Deterministic xorshift32 stream, so every run measures the same bytes. */
function stream(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const LABELS = ['Pick one', 'Élection du conseil — 2026', 'Line one\nline "two"\ttab', 'Ψηφοφορία 🗳️', 'yes'];

/**
 * One block of 30 cast transactions, built the way protocol code builds objects (keys in writing order,
 * not sorted). Ciphertexts are 64-digit hex strings, or with `big` decimal integers of 617, 925 and 1850
 * digits (2048-bit modp elements, 3072-bit Paillier n and n²).
 */
function block(height: number, big: boolean, next: () => number): JsonObject {
  const hex = (n: number) => {
    let out = '';
    for (let i = 0; i < n; i++) out += (next() & 15).toString(16);
    return out;
  };
  const decimal = (n: number) => {
    let out = String(1 + (next() % 9));
    for (let i = 1; i < n; i++) out += String(next() % 10);
    return BigInt(out);
  };
  const sizes = [617, 925, 1850];
  const txs: JsonValue[] = [];
  for (let t = 0; t < 30; t++) {
    const ciphertexts: JsonValue[] = [];
    const proofs: JsonValue[] = [];
    for (let q = 0; q < 5; q++) {
      ciphertexts.push(
        big ? { b: decimal(617), a: decimal(sizes[(t + q) % 3]!) } : { b: hex(64), a: hex(64) },
      );
      proofs.push({ n: next() % 7, c: hex(64), f: [hex(64), hex(64)] });
    }
    txs.push({
      kind: 'cast',
      author: hex(64),
      time: 1_700_000_000 + (next() % 100_000),
      seq: next() % 1000,
      payload: {
        ballot: { ciphertexts, proofs, selections: [0, 0, 1, 0, 0] },
        tracker: hex(16),
        label: LABELS[t % 5]!,
      },
      sig: hex(128),
    });
  }
  const tally: JsonObject = {};
  for (let k = 0; k < 40; k++)
    tally[hex(16)] = { votes: next() % 100_000, ok: (next() & 1) === 1, note: null };
  return {
    content: { height, txs, tally, time: 1_700_000_000 + height, tree: hex(64) },
    miner_name: `node-${height % 7}`,
    nonce: next() % 1_000_000_000,
    parent_id: hex(64),
  };
}

/** Blocks (as values and as canonical text) until the texts reach `bytes` characters. */
function corpus(big: boolean, bytes: number): { values: JsonObject[]; texts: string[]; mb: number } {
  const next = stream(big ? 0x5eed_b16 : 0x5eed_4e3);
  const values: JsonObject[] = [];
  const texts: string[] = [];
  let total = 0;
  while (total < bytes) {
    const v = block(values.length, big, next);
    const t = canonicalJson(v);
    values.push(v);
    texts.push(t);
    total += t.length;
  }
  return { values, texts, mb: total / 1e6 };
}

/**
 * MB/s (10^6 characters of canonical text per second; the content is nearly all ASCII) of `parseJson`,
 * `parseCanonicalJson` and `canonicalJson` on about 5 MB of blocks: typical content (hex strings, small
 * integers; target ≥ 60 MB/s) and content dominated by big integers (`_bigint` figures).
 */
export function jsonFigures(): Figure[] {
  const figures: Figure[] = [];
  for (const big of [false, true]) {
    const { values, texts, mb } = corpus(big, 5_000_000);
    const suffix = big ? '_bigint' : '';
    const rate = (name: string, fn: () => unknown): Figure => {
      const value = mb / (msPerOp(fn, { minIters: 5, warmup: 2 }) / 1000);
      return big
        ? { name: `json.${name}${suffix}_mb_per_s`, value, unit: 'MB/s' }
        : { name: `json.${name}_mb_per_s`, value, unit: 'MB/s', target: { op: '>=', value: 60 } };
    };
    figures.push(
      rate('parse', () => {
        for (const t of texts) if (!parseJson(t).ok) throw new Error('benchmark text rejected');
      }),
      rate('parse_canonical', () => {
        for (const t of texts) if (!parseCanonicalJson(t).ok) throw new Error('benchmark text rejected');
      }),
      rate('encode', () => {
        for (const v of values) canonicalJson(v);
      }),
    );
  }
  return figures;
}
