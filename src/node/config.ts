/**
 * Configuration of one node (`pnyx node …`): its name, roles, where it keeps its data, whom it talks to.
 * Checked once at start; every problem is a sentence naming the option.
 */
import { join } from 'node:path';
import { fail, ok, type Result } from '../crypto/result.js';
import { parseLocation, type StoreLocation } from '../store/open.js';

/** Roles a node can run (DESIGN §2). Every node is an observer. */
export const ROLES = [
  'miner',
  'validator',
  'observer',
  'registrar',
  'ballot-box',
  'trustee',
  'runner',
] as const;

/** One role. */
export type Role = (typeof ROLES)[number];

/** Everything a node is started with. */
export interface NodeConfig {
  /** Node name: `[A-Za-z0-9][A-Za-z0-9_-]{0,63}`; names the database and key files. */
  readonly name: string;
  readonly roles: readonly Role[];
  /** Directory of the SQLite database and the key file. */
  readonly dataDir: string;
  /** `postgres://…` URL or a SQLite file; default `DATA_DIR/NAME.db`. */
  readonly db?: string;
  /** Peer base URLs to start from. */
  readonly peers: readonly string[];
  /** `socks5h://HOST:PORT` for all outgoing peer traffic. */
  readonly proxy?: string;
  /** Genesis block file (JSON); required the first time, checked against the store afterwards. */
  readonly genesisFile?: string;
  /** Identity key file; default `DATA_DIR/NAME.key`. */
  readonly keysFile?: string;
  /** This node's own URL as peers reach it (left out of its peer list). */
  readonly publicUrl?: string;
  /** Validator role: sign by the rules (`auto`) or hold blocks for a person (`manual`). Default `auto`. */
  readonly validatorMode?: 'auto' | 'manual';
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Parses `miner,validator,…`; `observer` is always added. */
export function parseRoles(text: string): Result<Role[]> {
  const out = new Set<Role>(['observer']);
  for (const r of text.split(',').map((x) => x.trim())) {
    if (r === '') continue;
    if (!(ROLES as readonly string[]).includes(r))
      return fail('ENCODING_INVALID', `unknown role "${r}"; roles are ${ROLES.join(', ')}`);
    out.add(r as Role);
  }
  return ok([...out]);
}

/** Checks a peer URL: http(s) (or `mem:` for in-process nodes), no credentials, at most 512 characters. */
export function checkPeerUrl(text: string): Result<string> {
  if (text.length > 512) return fail('ENCODING_INVALID', 'a peer URL has at most 512 characters');
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return fail('ENCODING_INVALID', `"${text}" is not a URL`);
  }
  if (!['http:', 'https:', 'mem:'].includes(u.protocol))
    return fail('ENCODING_INVALID', `peer URL "${text}" must start with http://, https:// or mem://`);
  if (u.username !== '' || u.password !== '')
    return fail('ENCODING_INVALID', 'a peer URL carries no user name or password');
  return ok(text.replace(/\/+$/, ''));
}

/** Checks a configuration; returns it with peer URLs normalised. */
export function checkConfig(c: NodeConfig): Result<NodeConfig> {
  if (!NAME_RE.test(c.name))
    return fail(
      'ENCODING_INVALID',
      '--name must be 1–64 letters, digits, "_" or "-", starting with a letter or digit',
    );
  if (c.dataDir === '') return fail('ENCODING_INVALID', '--data-dir must not be empty');
  const peers: string[] = [];
  for (const p of c.peers) {
    const u = checkPeerUrl(p);
    if (!u.ok) return u;
    peers.push(u.value);
  }
  if (c.proxy !== undefined && !/^socks5h:\/\/[^/]+:[0-9]{1,5}\/?$/.test(c.proxy))
    return fail('ENCODING_INVALID', '--proxy must be socks5h://HOST:PORT');
  return ok({ ...c, peers });
}

/** Where the identity key is kept. */
export function keyFilePath(c: NodeConfig): string {
  return c.keysFile ?? join(c.dataDir, `${c.name}.key`);
}

/** Where the database is. */
export function storeLocation(c: NodeConfig): StoreLocation {
  return c.db !== undefined ? parseLocation(c.db) : { kind: 'sqlite', file: join(c.dataDir, `${c.name}.db`) };
}
