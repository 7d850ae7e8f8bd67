/**
 * The ledger export format: JSON lines (UTF-8, one canonical JSON object per line, `\n` separated).
 *
 * Line 1, the header:
 * `{"blocks":<n>,"format":"pnyx-ledger","genesis":<genesis id>,"profile":"authority"|"runner","version":1}`
 * Lines 2…n+1, one per block in height order starting with the genesis:
 * `{"approvals":[<approval>…],"block":<block>}` (approvals are empty for the runner profile and the genesis).
 */
import {
  canonicalJson,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  parseJson,
} from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import { isId } from '../block.js';
import { type LedgerResult, lfail } from '../errors.js';

/** Value of the header's `format` key. */
export const EXPORT_FORMAT = 'pnyx-ledger';
/** Current version of the format. */
export const EXPORT_VERSION = 1;

/** Which profile a ledger follows. */
export type Profile = 'authority' | 'runner';

/** The first line of an export. */
export interface ExportHeader {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly profile: Profile;
  readonly genesis: string;
  readonly blocks: number;
}

/** One block line. */
export interface ExportEntry {
  readonly block: JsonValue;
  readonly approvals: readonly JsonValue[];
}

/** The header line's text. */
export function headerLine(h: Omit<ExportHeader, 'format' | 'version'>): string {
  return canonicalJson({
    blocks: h.blocks,
    format: EXPORT_FORMAT,
    genesis: h.genesis,
    profile: h.profile,
    version: EXPORT_VERSION,
  });
}

/** A block line's text. */
export function entryLine(e: ExportEntry): string {
  return canonicalJson({ approvals: [...e.approvals], block: e.block });
}

/** Strict decoding of the header line. */
export function decodeHeader(line: string): LedgerResult<ExportHeader> {
  const p = parseJson(line);
  if (!p.ok) return lfail('EXPORT_INVALID', `header: ${p.message}`);
  const v = p.value;
  if (!isJsonObject(v)) return lfail('EXPORT_INVALID', 'the header must be a JSON object');
  if (v.format !== EXPORT_FORMAT) return lfail('EXPORT_INVALID', `not a ${EXPORT_FORMAT} file`);
  if (v.version !== EXPORT_VERSION)
    return lfail('EXPORT_INVALID', `unsupported version ${String(v.version)}`);
  if (v.profile !== 'authority' && v.profile !== 'runner')
    return lfail('EXPORT_INVALID', 'profile must be "authority" or "runner"');
  if (!isId(v.genesis)) return lfail('EXPORT_INVALID', 'genesis must be a block id');
  if (typeof v.blocks !== 'number' || !Number.isSafeInteger(v.blocks) || v.blocks < 1)
    return lfail('EXPORT_INVALID', 'blocks must be a positive integer');
  return ok({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    profile: v.profile,
    genesis: v.genesis,
    blocks: v.blocks,
  });
}

/** Strict decoding of a block line. */
export function decodeEntry(line: string): LedgerResult<ExportEntry> {
  const p = parseJson(line);
  if (!p.ok) return lfail('EXPORT_INVALID', p.message);
  const v = p.value as JsonObject;
  if (!isJsonObject(v) || Object.keys(v).sort().join() !== 'approvals,block')
    return lfail('EXPORT_INVALID', 'a block line has exactly the keys approvals, block');
  if (!Array.isArray(v.approvals)) return lfail('EXPORT_INVALID', 'approvals must be a list');
  return ok({ block: v.block!, approvals: v.approvals });
}
