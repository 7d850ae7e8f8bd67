/**
 * Pages of block entries encoded once, within a byte budget: a page served to a peer stops before the
 * entry that would take it over the budget (the first entry is always sent), so an answer never exceeds
 * what a client accepts whatever the block sizes.
 */
import { canonicalJson, type JsonValue } from '../../crypto/encoding/canonical-json.js';
import type { WireEntry } from '../peer-client.js';

/** Default budget of one page: 8 MiB of JSON. */
export const PAGE_BYTES = 8 * 1024 * 1024;

/** `{"entries":[…]}` as canonical JSON text, cut at the byte budget. */
export function entriesJson(entries: readonly WireEntry[], budget = PAGE_BYTES): string {
  const parts: string[] = [];
  let bytes = 0;
  for (const e of entries) {
    const text = canonicalJson({ approvals: [...e.approvals], block: e.block } as JsonValue);
    const size = Buffer.byteLength(text, 'utf8') + 1;
    if (parts.length > 0 && bytes + size > budget) break;
    parts.push(text);
    bytes += size;
  }
  return `{"entries":[${parts.join(',')}]}`;
}
