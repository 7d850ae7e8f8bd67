/**
 * Authority-profile transactions: `{type, author, chain, body, sig}`.
 *
 * - `type`: the registered transaction type (`[a-z][a-z0-9_]*`, at most 64 characters);
 * - `author`: the author's Ed25519 public key (64 hex digits);
 * - `chain`: the genesis id of the ledger (so a transaction cannot be replayed on another ledger);
 * - `body`: any JSON, checked by the type's registered rule;
 * - `sig`: Ed25519 signature (128 hex digits) by `author` over `{type, author, chain, body}` in the
 *   signing domain `ledger/tx` (see src/crypto/sig/signed-json.ts).
 * The transaction id is the hex SHA-256 of the canonical JSON of the whole transaction, `sig` included.
 */
import { canonicalJson, isJsonObject, type JsonValue } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { signJson, verifyJson } from '../../crypto/sig/signed-json.js';
import { isId } from '../block.js';
import { type LedgerCheck, type LedgerResult, lfail } from '../errors.js';
import { ledgerHashHex, utf8Length } from '../hash.js';

/** Signing domain of transactions. */
export const TX_DOMAIN = 'ledger/tx';

/** A signed transaction. */
export interface Tx {
  readonly type: string;
  readonly author: string;
  readonly chain: string;
  readonly body: JsonValue;
  readonly sig: string;
}

/** The signed part of a transaction. */
export type UnsignedTx = Omit<Tx, 'sig'>;

const TYPE_RE = /^[a-z][a-z0-9_]{0,63}$/;
const SIG_RE = /^[0-9a-f]{128}$/;
const TX_KEYS = ['author', 'body', 'chain', 'sig', 'type'];

/** The transaction as JSON. */
export function txJson(t: Tx): JsonValue {
  return { author: t.author, body: t.body, chain: t.chain, sig: t.sig, type: t.type };
}

/** The signed payload of a transaction. */
export function txPayload(t: UnsignedTx): JsonValue {
  return { author: t.author, body: t.body, chain: t.chain, type: t.type };
}

/** Transaction id: hex SHA-256 of the canonical transaction. */
export function txId(t: Tx): string {
  return ledgerHashHex(canonicalJson(txJson(t)));
}

/** Canonical size of a transaction in bytes. */
export function txBytes(t: Tx): number {
  return utf8Length(canonicalJson(txJson(t)));
}

/** Signs a transaction. */
export function signTx(ed: Ed25519, secretKey: Uint8Array, t: UnsignedTx): Tx {
  return { ...t, sig: signJson(ed, secretKey, TX_DOMAIN, txPayload(t)) };
}

/** Strict decoding of the transaction envelope (the body is checked by its registered rule). */
export function decodeTx(v: unknown): LedgerResult<Tx> {
  if (!isJsonObject(v)) return lfail('TX_INVALID', 'a transaction must be a JSON object');
  const keys = Object.keys(v).sort();
  if (keys.length !== TX_KEYS.length || keys.some((k, i) => k !== TX_KEYS[i]))
    return lfail('TX_INVALID', `a transaction has exactly the keys ${TX_KEYS.join(', ')}`);
  const { type, author, chain, body, sig } = v;
  if (typeof type !== 'string' || !TYPE_RE.test(type))
    return lfail('TX_INVALID', 'type must match [a-z][a-z0-9_]* (at most 64 characters)');
  if (!isId(author)) return lfail('TX_INVALID', 'author must be a 64-digit hex public key');
  if (!isId(chain)) return lfail('TX_INVALID', 'chain must be the 64-digit hex genesis id');
  if (typeof sig !== 'string' || !SIG_RE.test(sig)) return lfail('TX_INVALID', 'sig must be 128 hex digits');
  return ok({ type, author, chain, body: body as JsonValue, sig });
}

/** Checks the author's signature. */
export function checkTxSignature(ed: Ed25519, t: Tx): LedgerCheck {
  return verifyJson(ed, t.author, TX_DOMAIN, txPayload(t), t.sig);
}
