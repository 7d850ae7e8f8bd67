/** Block id of a proof-of-work template with a given nonce (node:crypto SHA-256). */
import { createHash } from 'node:crypto';
import type { PowTemplate } from '../pow.js';

/** Lowercase hex SHA-256 of `prefix ‖ nonce ‖ suffix`. */
export function blockIdFromTemplate(t: PowTemplate, nonce: number): string {
  return createHash('sha256').update(`${t.prefix}${nonce}${t.suffix}`).digest('hex');
}
