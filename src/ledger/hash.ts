/**
 * The hash of ledger ids (blocks, transactions, approvals): lowercase hex SHA-256 of a text's UTF-8.
 * Pure by default (the reference implementation); a Node process may install a native backend with
 * {@link useLedgerSha256} (e.g. `sha256HexNative` from `src/crypto/node/sha256-native.ts`), which must
 * give the same digests: the ids do not depend on the backend, only the speed does.
 */
import { sha256Hex } from '../crypto/encoding/hash.js';

/** Lowercase hex SHA-256 of the UTF-8 of a text. */
export type TextSha256Hex = (text: string) => string;

let backend: TextSha256Hex = sha256Hex;

/** The ledger's id hash: lowercase hex SHA-256 of the UTF-8 of `text`, through the installed backend. */
export function ledgerHashHex(text: string): string {
  return backend(text);
}

/** Installs the SHA-256 backend of ledger ids; `undefined` restores the pure one. */
export function useLedgerSha256(h: TextSha256Hex | undefined): void {
  backend = h ?? sha256Hex;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Length in bytes of the UTF-8 encoding of a text (no copy; lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  if (!NON_ASCII.test(s)) return s.length; // one byte per unit (the common case, scanned natively)
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // a pair: 2 UTF-16 units, 4 bytes
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}
