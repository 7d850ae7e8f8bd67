/**
 * The voting key in the browser: one key file per election in `localStorage` (the same text as the
 * command line's key file, so either can import what the other exported), exported as a download and
 * imported from a file input.
 */
import { parseVoterKey, type VoterKey, voterKeyText } from '../../../../src/client/voter-key.js';
import { ed25519Pure } from '../../../../src/crypto/sig/ed25519.js';

const PREFIX = 'pnyx.booth.key.';

/** The key file text kept for `election`, parsed; undefined when none (or unreadable). */
export function loadKey(election: string): VoterKey | undefined {
  const text = globalThis.localStorage?.getItem(PREFIX + election);
  if (!text) return undefined;
  try {
    return parseVoterKey(text, ed25519Pure, 'the stored voting key');
  } catch {
    return undefined;
  }
}

/**
 * True when `k` was registered: identity keys hold the boxes the registrar assigned, blind-token keys hold
 * their token (a key is kept before its registration finishes, so it can be retried).
 */
export function isRegistered(k: VoterKey): boolean {
  return k.mode === 'identity-keys' ? (k.boxes?.length ?? 0) > 0 : k.token !== undefined;
}

/** Keeps `k` as its election's key. */
export function saveKey(k: VoterKey): void {
  globalThis.localStorage?.setItem(PREFIX + k.election, voterKeyText(k));
}

/** The file name of an exported key. */
export function keyFileName(k: VoterKey): string {
  return `pnyx-voter-key-${k.election}.json`;
}

/** Offers `k` as a file download. */
export function exportKey(k: VoterKey): void {
  const url = URL.createObjectURL(new Blob([voterKeyText(k)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = keyFileName(k);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a key file the voter picked (`KEY_FILE_INVALID` when it is not one). */
export async function readKeyFile(file: File): Promise<VoterKey> {
  return parseVoterKey(await file.text(), ed25519Pure, file.name);
}
