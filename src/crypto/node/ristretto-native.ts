/**
 * Loader of the optional native libsodium addon (native/pnyx_sodium.c, built by
 * scripts/build-native.mjs). Node only. The addon takes scalars as BigInts and points as 32-byte
 * Uint8Arrays, and already returns the identity for identity products.
 */
import { bytesEqual } from '../bytes.js';
import { RISTRETTO_BASE, type SodiumRistrettoOps } from '../group/ristretto/sodium.js';
import { loadSodiumAddon } from './sodium-addon.js';

/** The functions exported by the addon. */
interface PnyxSodiumAddon {
  readonly sodiumVersion: string;
  isValidPoint(p: Uint8Array): boolean;
  add(p: Uint8Array, q: Uint8Array): Uint8Array;
  sub(p: Uint8Array, q: Uint8Array): Uint8Array;
  mul(p: Uint8Array, k: bigint): Uint8Array;
  mulBase(k: bigint): Uint8Array;
  multiExp(points: readonly Uint8Array[], ks: readonly bigint[]): Uint8Array;
  /** True when multiExp runs the variable-time sum of products (its self-test passed at load). */
  readonly vartimeMultiExp?: boolean;
}

/** Outcome of loading the addon: its primitive table, or why it is unavailable. */
export type NativeRistrettoLoad =
  | { readonly ok: true; readonly ops: SodiumRistrettoOps; readonly sodiumVersion: string }
  | { readonly ok: false; readonly reason: string };

const FUNCTIONS = ['isValidPoint', 'add', 'sub', 'mul', 'mulBase', 'multiExp'] as const;

function isAddon(m: unknown): m is PnyxSodiumAddon {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return typeof r.sodiumVersion === 'string' && FUNCTIONS.every((f) => typeof r[f] === 'function');
}

let cached: NativeRistrettoLoad | undefined;

/**
 * Loads the addon once and self-checks it (1·B must encode as B). Never throws: a missing or broken
 * addon is reported as `{ ok: false, reason }` so callers can fall back to WebAssembly.
 */
export function loadNativeRistrettoOps(): NativeRistrettoLoad {
  if (cached) return cached;
  const loaded = loadSodiumAddon();
  if (!loaded.ok) {
    cached = { ok: false, reason: loaded.reason };
    return cached;
  }
  try {
    const addon: unknown = loaded.addon;
    if (!isAddon(addon)) {
      cached = { ok: false, reason: 'the native addon does not export the expected functions' };
    } else if (!bytesEqual(addon.mulBase(1n), RISTRETTO_BASE)) {
      cached = { ok: false, reason: 'the native addon failed its self-check (1·B ≠ B)' };
    } else {
      const ops: SodiumRistrettoOps = {
        backend: 'sodium-native',
        isValidPoint: addon.isValidPoint,
        add: addon.add,
        sub: addon.sub,
        mul: addon.mul,
        mulBase: addon.mulBase,
        multiExp: addon.multiExp,
        // Σ Pᵢ as Σ 1·Pᵢ: with unit scalars the variable-time path only decodes and adds.
        ...(addon.vartimeMultiExp === true
          ? {
              sum: (points: readonly Uint8Array[]) =>
                addon.multiExp(
                  points,
                  points.map(() => 1n),
                ),
            }
          : {}),
      };
      cached = { ok: true, ops, sodiumVersion: addon.sodiumVersion };
    }
  } catch (e) {
    cached = { ok: false, reason: `the native addon failed its self-check: ${(e as Error).message}` };
  }
  return cached;
}
