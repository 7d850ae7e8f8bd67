/**
 * What a person gives the check page: a tracker (64 hex digits, spaces and case forgiven), a receipt
 * (JSON), the file `pnyx voter vote --receipt-file` writes (`{tracker, receipts: […]}`), or a link to
 * this page with `?tracker=` (what a receipt's QR code may hold).
 */
import type { MessageKey } from '../../i18n/index.js';

/** The check's input, or why the text is not one. */
export type CheckInput =
  | { readonly ok: true; readonly value: string | Record<string, unknown> }
  | { readonly ok: false; readonly error: MessageKey };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads pasted or scanned text. */
export function readCheckInput(text: string): CheckInput {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'check.input.empty' };
  if (t.startsWith('{')) {
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      return { ok: false, error: 'check.input.json' };
    }
    if (!isObject(v)) return { ok: false, error: 'check.input.json' };
    const receipts = v.receipts;
    if (Array.isArray(receipts) && isObject(receipts[0])) return { ok: true, value: receipts[0] };
    if (typeof v.tracker === 'string' && v.sig === undefined) return readCheckInput(v.tracker);
    return { ok: true, value: v };
  }
  const link = /[?&]tracker=([0-9a-fA-F]{64})\b/.exec(t);
  const hex = (link?.[1] ?? t).replace(/\s+/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? { ok: true, value: hex } : { ok: false, error: 'check.input.tracker' };
}
