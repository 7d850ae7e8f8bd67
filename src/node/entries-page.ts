/**
 * Pages of block entries as canonical JSON text, within a byte budget: a page stops before the entry
 * that would take it over the budget (the first entry is always sent), so an answer never exceeds what a
 * client accepts whatever the block sizes.
 */

/** Default byte budget of one page of blocks: 8 MiB of JSON. */
export const PAGE_BYTES = 8 * 1024 * 1024;

/**
 * The canonical JSON of an entry `{approvals, block}` from the canonical texts of its parts (approvals
 * already in their wire order): the keys `approvals` and `block` are in code-point order, so joining the
 * parts' texts is the entry's canonical text, with no re-encoding.
 */
export function entryText(blockText: string, approvalTexts: readonly string[]): string {
  return `{"approvals":[${approvalTexts.join(',')}],"block":${blockText}}`;
}

/** `{"entries":[…]}` from the entries' canonical texts, cut at `budget` bytes (see the file comment). */
export function entriesPage(texts: Iterable<string>, budget = PAGE_BYTES): string {
  const parts: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    const size = Buffer.byteLength(text, 'utf8') + 1;
    if (parts.length > 0 && bytes + size > budget) break;
    parts.push(text);
    bytes += size;
  }
  return `{"entries":[${parts.join(',')}]}`;
}
