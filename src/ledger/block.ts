/**
 * The block envelope shared by both profiles: `{parent_id, miner_name, nonce, content}`.
 *
 * The block id is the lowercase hex SHA-256 of the block's canonical JSON. Proof of work means that the
 * first `hardness` bits of the (binary) id are zero. The genesis block has `parent_id = ""`.
 */
import {
  canonicalJson,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  parseJson,
} from '../crypto/encoding/canonical-json.js';
import { ok } from '../crypto/result.js';
import { type LedgerCheck, type LedgerResult, lfail } from './errors.js';
import { ledgerHashHex, utf8Length } from './hash.js';

/** A block as it travels and is hashed. */
export interface Block {
  /** Id of the parent block, `""` for the genesis. */
  readonly parent_id: string;
  /** Free label of the miner (at most {@link MAX_MINER_NAME} characters). */
  readonly miner_name: string;
  /** Proof-of-work nonce, an integer in [0, 2^53). */
  readonly nonce: number;
  /** Profile-specific content. */
  readonly content: JsonObject;
}

/** Longest accepted miner name, in UTF-16 code units. */
export const MAX_MINER_NAME = 256;

/** Largest proof of work a block may claim (more would take longer than the universe's age). */
export const MAX_HARDNESS = 128;

const ID_RE = /^[0-9a-f]{64}$/;
const ENVELOPE_KEYS = ['content', 'miner_name', 'nonce', 'parent_id'];

/** True for a string that looks like a block or transaction id (64 lowercase hex digits). */
export function isId(s: unknown): s is string {
  return typeof s === 'string' && ID_RE.test(s);
}

/** The block as a JSON value. */
export function blockJson(b: Block): JsonObject {
  return { content: b.content, miner_name: b.miner_name, nonce: b.nonce, parent_id: b.parent_id };
}

/** Canonical JSON text of a block: the exact bytes that are hashed. */
export function blockText(b: Block): string {
  return canonicalJson(blockJson(b));
}

/** Block id: lowercase hex SHA-256 of the canonical JSON. */
export function blockId(b: Block): string {
  return ledgerHashHex(blockText(b));
}

/** Number of leading zero bits of a lowercase hex digest. */
export function leadingZeroBits(idHex: string): number {
  let n = 0;
  for (const ch of idHex) {
    const v = Number.parseInt(ch, 16);
    if (v === 0) {
      n += 4;
      continue;
    }
    return n + (Math.clz32(v) - 28);
  }
  return n;
}

/** True when the first `hardness` bits of the id are zero. */
export function meetsPow(idHex: string, hardness: number): boolean {
  return leadingZeroBits(idHex) >= hardness;
}

/** Checks the proof of work of a block id. */
export function checkPow(id: string, hardness: number): LedgerCheck {
  if (meetsPow(id, hardness)) return ok(true);
  return lfail('BLOCK_POW_INVALID', `block ${id} has fewer than ${hardness} leading zero bits`);
}

/**
 * Strict decoding of a block envelope from untrusted JSON: exactly the four keys, `parent_id` empty or
 * 64 lowercase hex digits, `miner_name` a string of at most {@link MAX_MINER_NAME} characters, `nonce`
 * an integer in [0, 2^53), `content` an object. The content is checked later by the profile's rules.
 */
export function decodeBlock(v: JsonValue | unknown): LedgerResult<Block> {
  if (!isJsonObject(v)) return lfail('BLOCK_INVALID', 'a block must be a JSON object');
  const keys = Object.keys(v).sort();
  if (keys.length !== 4 || keys.some((k, i) => k !== ENVELOPE_KEYS[i]))
    return lfail('BLOCK_INVALID', `a block has exactly the keys ${ENVELOPE_KEYS.join(', ')}`);
  const { parent_id, miner_name, nonce, content } = v;
  if (parent_id !== '' && !isId(parent_id))
    return lfail('BLOCK_INVALID', 'parent_id must be "" or 64 lowercase hex digits');
  if (typeof miner_name !== 'string' || miner_name.length > MAX_MINER_NAME)
    return lfail('BLOCK_INVALID', `miner_name must be a string of at most ${MAX_MINER_NAME} characters`);
  if (typeof nonce !== 'number' || !Number.isSafeInteger(nonce) || nonce < 0)
    return lfail('BLOCK_INVALID', 'nonce must be an integer in [0, 2^53)');
  if (!isJsonObject(content)) return lfail('BLOCK_INVALID', 'content must be a JSON object');
  return ok({ parent_id: parent_id as string, miner_name, nonce, content });
}

/** A decoded block together with its id and canonical size. */
export interface IdentifiedBlock {
  readonly id: string;
  readonly block: Block;
  /** The canonical JSON (the hashed text, as stored). */
  readonly text: string;
  /** Length in bytes of the canonical JSON. */
  readonly bytes: number;
}

/** Decodes a block, computes its id and size, and enforces a size limit. */
export function identifyBlock(v: unknown, maxBytes: number): LedgerResult<IdentifiedBlock> {
  const d = decodeBlock(v);
  if (!d.ok) return d;
  const text = blockText(d.value);
  const bytes = utf8Length(text);
  if (bytes > maxBytes) return lfail('BLOCK_TOO_LARGE', `block is ${bytes} bytes, the limit is ${maxBytes}`);
  return ok({ id: ledgerHashHex(text), block: d.value, text, bytes });
}

/**
 * Parses a block from text (an HTTP body, a file line): strict JSON with exact integers, then
 * {@link decodeBlock}. With `canonical`, the text must also be the block's canonical encoding.
 */
export function parseBlockText(text: string, canonical = false): LedgerResult<Block> {
  const p = parseJson(text);
  if (!p.ok) return lfail('BLOCK_INVALID', p.message);
  const b = decodeBlock(p.value);
  if (!b.ok) return b;
  if (canonical && blockText(b.value) !== text)
    return lfail('BLOCK_INVALID', 'the block text is not its canonical JSON encoding');
  return b;
}
