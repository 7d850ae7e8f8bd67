/**
 * Choice of the fastest ristretto255 backend available to a Node process: native libsodium when the
 * addon is built and passes its self-check, otherwise libsodium WebAssembly. Both produce the same
 * encodings as the pure-TypeScript reference (`nobleRistretto`).
 */
import type { Group } from '../group/group.js';
import { sodiumRistretto } from '../group/ristretto/sodium.js';
import { wasmRistretto } from '../group/ristretto/sodium-wasm.js';
import { loadNativeRistrettoOps } from './ristretto-native.js';

let native: Group<Uint8Array> | undefined;

/** The native libsodium group, or `undefined` with no exception when the addon is unavailable. */
export function loadNativeRistretto(): Group<Uint8Array> | undefined {
  if (native) return native;
  const load = loadNativeRistrettoOps();
  if (load.ok) native = sodiumRistretto(load.ops);
  return native;
}

/** Why the native backend is unavailable, or `undefined` when it is available. */
export function nativeRistrettoUnavailableReason(): string | undefined {
  const load = loadNativeRistrettoOps();
  return load.ok ? undefined : load.reason;
}

/** The libsodium WebAssembly group (for cross-checks and benchmarks). */
export function loadWasmRistretto(): Promise<Group<Uint8Array>> {
  return wasmRistretto();
}

/** The fastest available ristretto255 group: native libsodium if it loads, else WebAssembly. */
export async function loadFastRistretto(): Promise<Group<Uint8Array>> {
  return loadNativeRistretto() ?? wasmRistretto();
}
