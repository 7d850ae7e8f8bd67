/** Node-only: ledger ids hashed on node:crypto (same ids as the pure backend, several times faster). */
import { sha256HexNative } from '../../crypto/node/sha256-native.js';
import { useLedgerSha256 } from '../hash.js';

/** Installs OpenSSL's SHA-256 as the hash of ledger ids for this process (and its pure default back with `false`). */
export function useNativeLedgerHash(on = true): void {
  useLedgerSha256(on ? sha256HexNative : undefined);
}
