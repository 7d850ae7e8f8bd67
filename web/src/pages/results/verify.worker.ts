/**
 * The report page's worker: downloads a node's ledger export (`GET /api/export`), then runs the verifier
 * over it ({@link verifyLines}) off the page's thread, posting progress, each check and the report.
 */
import { identifyBlock } from '../../../../src/ledger/block.js';
import { decodeEntry } from '../../../../src/ledger/export/format.js';
import type { VerifyMessage, VerifyRequest } from './verify-protocol.js';
import { verifyLines } from './verify-run.js';

const post = (m: VerifyMessage): void => (self as unknown as Worker).postMessage(m);

/** The export's lines, read as a stream (progress every chunk). */
async function download(url: string): Promise<string[]> {
  const res = await fetch(url);
  if (!res.ok || !res.body)
    throw Object.assign(new Error(`GET ${url} answered ${res.status}`), { code: 'EXPORT_UNAVAILABLE' });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const lines: string[] = [];
  let carry = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    const parts = (carry + value).split('\n');
    carry = parts.pop() ?? '';
    for (const p of parts) if (p.trim() !== '') lines.push(p);
    post({ kind: 'download', bytes, lines: lines.length });
  }
  if (carry.trim() !== '') lines.push(carry);
  return lines;
}

/** The id of the export's last block ('' when it cannot be read). */
function lastBlockId(lines: readonly string[]): string {
  if (lines.length < 2) return '';
  const e = decodeEntry(lines[lines.length - 1]!);
  const b = e.ok ? identifyBlock(e.value.block, Number.MAX_SAFE_INTEGER) : e;
  return b.ok ? b.value.id : '';
}

self.onmessage = async (ev: MessageEvent<VerifyRequest>) => {
  try {
    const t0 = performance.now();
    const lines = await download(ev.data.url);
    const downloadSeconds = (performance.now() - t0) / 1000;
    const report = await verifyLines(lines, ev.data.url, {
      stage: (stage, done, total) => post({ kind: 'stage', stage, done, total }),
      check: (check) => post({ kind: 'check', check }),
    });
    post({ kind: 'done', report, head: lastBlockId(lines), downloadSeconds });
  } catch (e) {
    const code =
      e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : 'UNEXPECTED';
    post({ kind: 'error', code, message: e instanceof Error ? e.message : String(e) });
  }
};
