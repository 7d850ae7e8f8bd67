/**
 * The ballot-box allow-list: `[{id, key, url}, …]`, non-empty, with distinct ids and distinct keys.
 * URLs are absolute `http:` or `https:` URLs (onion hosts included) without credentials.
 */
import { type Check, fail, OK, ok, type Result } from '../../crypto/result.js';
import { type BallotBox, ELECTION_LIMITS } from './definition.js';
import { checkDistinct, readId, readList, readObject, readPublicKey, readText } from './fields.js';

const C = 'ELECTION_INVALID';

function checkUrl(url: string, what: string): Check {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return fail(C, `${what} is not an absolute URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return fail(C, `${what} must be an http or https URL`);
  if (u.username !== '' || u.password !== '') return fail(C, `${what} must not carry credentials`);
  return OK;
}

function readBox(v: unknown, what: string): Result<BallotBox> {
  const o = readObject(C, v, what, ['id', 'key', 'url']);
  if (!o.ok) return o;
  const id = readId(C, o.value.id, `${what}.id`);
  if (!id.ok) return id;
  const key = readPublicKey(C, o.value.key, `${what}.key`);
  if (!key.ok) return key;
  const url = readText(C, o.value.url, `${what}.url`, ELECTION_LIMITS.urlLength);
  if (!url.ok) return url;
  const u = checkUrl(url.value, `${what}.url`);
  if (!u.ok) return u;
  return ok({ id: id.value, key: key.value, url: url.value });
}

/** Strict reader of the allow-list. */
export function readBoxes(v: unknown): Result<BallotBox[]> {
  const boxes = readList(C, v, 'boxes', 1, ELECTION_LIMITS.boxes, readBox);
  if (!boxes.ok) return boxes;
  const ids = checkDistinct(C, boxes.value, 'boxes', (b) => b.id);
  if (!ids.ok) return ids;
  const keys = checkDistinct(C, boxes.value, 'boxes', (b) => b.key);
  return keys.ok ? boxes : keys;
}

/** The allow-listed box with this id, if any. */
export function findBox(boxes: readonly BallotBox[], id: string): BallotBox | undefined {
  return boxes.find((b) => b.id === id);
}

/** The allow-listed box whose key is `key` (hex), if any — e.g. the author of a ledger transaction. */
export function findBoxByKey(boxes: readonly BallotBox[], key: string): BallotBox | undefined {
  return boxes.find((b) => b.key === key);
}
