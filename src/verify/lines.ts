/**
 * Reading an export file line by line without holding it in memory: synchronously (for `verifyExport`,
 * which takes an iterable) and asynchronously (for the election fold, which waits on the worker pool);
 * and fetching a node's export (`GET /api/export`) into a file first.
 */
import { closeSync, createReadStream, createWriteStream, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

const CHUNK = 1 << 20;

/** The lines of a UTF-8 file, read in 1 MiB chunks (a final line without `\n` is yielded too). */
export function* fileLinesSync(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    const decoder = new TextDecoder('utf-8', { fatal: false });
    let carry = '';
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      const text = carry + decoder.decode(buf.subarray(0, n), { stream: true });
      const parts = text.split('\n');
      carry = parts.pop() ?? '';
      yield* parts;
    }
    carry += decoder.decode();
    if (carry !== '') yield carry;
  } finally {
    closeSync(fd);
  }
}

/** The lines of a UTF-8 file, streamed. */
export function fileLines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

/** The export URL of a node: its base URL with `/api/export`. */
export function exportUrl(node: string): string {
  const base = node.endsWith('/') ? node : `${node}/`;
  return new URL('api/export', base).toString();
}

/** Downloads a node's ledger export to `path`; throws with the HTTP status when the node refuses. */
export async function downloadExport(node: string, path: string, signal?: AbortSignal): Promise<void> {
  const res = await fetch(exportUrl(node), signal ? { signal } : {});
  if (!res.ok || !res.body) throw new Error(`GET ${exportUrl(node)} answered ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(path));
}
