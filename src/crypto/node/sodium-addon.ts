/**
 * The optional native addon (native/pnyx_sodium.c, built by scripts/build-native.mjs), loaded once.
 * Node only. Its ristretto255 table is read by `ristretto-native.ts`, its Ed25519 verification by
 * `ed25519-native.ts`.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Path of the addon relative to this file (the same from src/crypto/node and dist/crypto/node). */
const ADDON_PATH = '../../../native/build/Release/pnyx_sodium.node';

/** The addon's exports, unchecked; each reader checks the members it uses. */
export type SodiumAddonLoad =
  | { readonly ok: true; readonly addon: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: string };

let cached: SodiumAddonLoad | undefined;

/** The addon file's absolute path (for worker threads that load it themselves). */
export function sodiumAddonPath(): string {
  return fileURLToPath(new URL(ADDON_PATH, import.meta.url));
}

/** Loads the addon once. Never throws: a missing addon is reported with the loader's reason. */
export function loadSodiumAddon(): SodiumAddonLoad {
  if (cached) return cached;
  try {
    const addon: unknown = createRequire(import.meta.url)(ADDON_PATH);
    cached =
      typeof addon === 'object' && addon !== null
        ? { ok: true, addon: addon as Record<string, unknown> }
        : { ok: false, reason: 'the native addon exports nothing' };
  } catch (e) {
    cached = { ok: false, reason: `the native addon could not be loaded: ${(e as Error).message}` };
  }
  return cached;
}

/**
 * The addon's Ed25519 verification (steps 4–5 of the policy in docs/crypto.md), when it is built and
 * passed its load-time known-answer test. Keys used again are verified from tables of multiples kept
 * per thread (docs/crypto.md, Ed25519); the answers are those of libsodium's double-scalar
 * multiplication for every input.
 */
export function nativeEd25519Verify():
  | ((publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean)
  | undefined {
  const l = loadSodiumAddon();
  const f = l.ok ? l.addon.ed25519Verify : undefined;
  return typeof f === 'function'
    ? (f as (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean)
    : undefined;
}
