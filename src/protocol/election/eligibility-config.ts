/**
 * The eligibility part of a definition, one shape per mode:
 * `{"mode":"identity-keys"}`, `{"mode":"blind-tokens","token_key":<SPKI hex>}`,
 * `{"mode":"sharedballot","block_size":N}` (N ≥ 2 members per anonymous-key block).
 */
import { blindPublicKeyFromJson } from '../../crypto/blind/keys.js';
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result } from '../../crypto/result.js';
import { ELIGIBILITY_MODES, type EligibilityConfig } from './definition.js';
import { readEnum, readInt, readObject } from './fields.js';

const C = 'ELECTION_INVALID';

/** Largest SharedBallot block. */
export const MAX_BLOCK_SIZE = 10_000;

/** Strict reader of the eligibility configuration. */
export function readEligibilityConfig(v: unknown): Result<EligibilityConfig> {
  const head = readObject(C, v, 'eligibility', ['mode'], ['token_key', 'block_size']);
  if (!head.ok) return head;
  const mode = readEnum(C, head.value.mode, 'eligibility.mode', ELIGIBILITY_MODES);
  if (!mode.ok) return mode;
  switch (mode.value) {
    case 'identity-keys': {
      const o = readObject(C, v, 'eligibility', ['mode']);
      return o.ok ? ok({ mode: 'identity-keys' }) : o;
    }
    case 'blind-tokens': {
      const o = readObject(C, v, 'eligibility', ['mode', 'token_key']);
      if (!o.ok) return o;
      // The token key must be an accepted RSA key in its one canonical SPKI encoding.
      const key = blindPublicKeyFromJson(o.value.token_key);
      if (!key.ok) return fail(C, `eligibility.token_key: ${key.message}`);
      return ok({ mode: 'blind-tokens', token_key: o.value.token_key as string });
    }
    case 'sharedballot': {
      const o = readObject(C, v, 'eligibility', ['mode', 'block_size']);
      if (!o.ok) return o;
      const n = readInt(C, o.value.block_size, 'eligibility.block_size', 2, MAX_BLOCK_SIZE);
      return n.ok ? ok({ mode: 'sharedballot', block_size: n.value }) : n;
    }
  }
}

/** JSON form of the eligibility configuration. */
export function eligibilityConfigToJson(e: EligibilityConfig): JsonObject {
  switch (e.mode) {
    case 'identity-keys':
      return { mode: e.mode };
    case 'blind-tokens':
      return { mode: e.mode, token_key: e.token_key };
    case 'sharedballot':
      return { mode: e.mode, block_size: e.block_size };
  }
}
