/**
 * The voter's key file on disk: the format of `voter-key.ts` as canonical JSON, mode 0600, replaced
 * atomically (write a temporary file, then rename). The secret key never leaves this file.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Ed25519 } from '../crypto/sig/ed25519.js';
import { clientError } from './errors.js';
import { parseVoterKey, type VoterKey, voterKeyText } from './voter-key.js';

export { isRegistered, newVoterKey, VOTER_KEY_FORMAT, type VoterKey } from './voter-key.js';

/** Writes the key file atomically with mode 0600. */
export function writeVoterKey(file: string, k: VoterKey): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, voterKeyText(k), { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Reads a key file, checking that the secret key gives the public key. Throws `KEY_FILE_INVALID`. */
export function readVoterKey(file: string, ed: Ed25519): VoterKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw clientError(
      'KEY_FILE_INVALID',
      `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parseVoterKey(text, ed, file);
}

/** True when the key file exists. */
export function voterKeyExists(file: string): boolean {
  return existsSync(file);
}
