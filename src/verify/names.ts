/** How the report names ledger objects: full ids, so a reader can look each one up in the explorer. */

import { isJsonObject } from '../crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../crypto/encoding/hash.js';
import type { ElectionDefinition } from '../protocol/election/definition.js';
import type { RefusedRecord } from './fold.js';
import type { Problem } from './types.js';

/** `block H ID`. */
export function blockName(height: number, id: string): string {
  return `block ${height} ${id}`;
}

/** The author of a transaction by its role in the election, when it has one. */
export function authorName(def: ElectionDefinition | undefined, author: string): string {
  if (!def) return author;
  if (author === def.registrar) return 'the registrar';
  const box = def.boxes.find((b) => b.key === author);
  if (box) return `box "${box.id}"`;
  const t = def.trustees.members.find((m) => m.key === author);
  if (t) return `trustee ${t.index} "${t.name}"`;
  return author;
}

/** The tracker of a ballot transaction's cast, when its body has one. */
export function trackerOf(body: unknown): string | undefined {
  return isJsonObject(body) && body.cast !== undefined ? hashJsonHex(body.cast) : undefined;
}

/** A refused transaction as a problem: tx id, block, position, type, author (and tracker for ballots). */
export function refusedProblem(def: ElectionDefinition | undefined, r: RefusedRecord): Problem {
  const tracker = r.type === 'ballot' ? trackerOf(r.body) : undefined;
  const by = r.author ? ` by ${authorName(def, r.author)}` : '';
  const where = `${blockName(r.height, r.blockId)}, #${r.index}`;
  const object = `tx ${r.id || '(undecodable)'} (${where}, ${r.type || '?'}${by}${tracker ? `, tracker ${tracker}` : ''})`;
  return { object, code: r.code, message: r.message };
}
