/**
 * The voter's key file: the Ed25519 voting key pair made on the voter's machine, bound to one election,
 * with what registration gave (the assigned ballot boxes, or the voting token). Canonical JSON, mode 0600,
 * replaced atomically (write a temporary file, then rename). The secret key never leaves this file.
 *
 * `{"format":"pnyx-voter-key","version":1,"election":ID,"fingerprint":HEX,"mode":MODE,
 *   "public":HEX,"secret":HEX,"boxes"?:[ID,…],"token"?:{"prefix","sig"}}`
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fromHex, toHex } from '../crypto/bytes.js';
import {
  canonicalJson,
  isJsonObject,
  type JsonObject,
  parseJson,
} from '../crypto/encoding/canonical-json.js';
import type { Rng } from '../crypto/rng.js';
import { type Ed25519, generateSigningKey } from '../crypto/sig/ed25519.js';
import type { EligibilityMode } from '../protocol/election/definition.js';
import { readVotingToken, type VotingToken, votingTokenToJson } from '../protocol/eligibility/token.js';
import { clientError } from './errors.js';

/** The `format` field of a key file. */
export const VOTER_KEY_FORMAT = 'pnyx-voter-key';

/** A voter's key file. */
export interface VoterKey {
  readonly election: string;
  readonly fingerprint: string;
  readonly mode: EligibilityMode;
  /** Ed25519 public key (hex). */
  readonly publicKey: string;
  /** Ed25519 seed (32 bytes). Secret. */
  readonly secretKey: Uint8Array;
  /** Identity keys: the boxes the registrar assigned. */
  readonly boxes?: readonly string[];
  /** Blind tokens: the unblinded voting token. */
  readonly token?: VotingToken;
}

/** A fresh key pair for an election (nothing registered yet). */
export function newVoterKey(
  ed: Ed25519,
  rng: Rng,
  election: { id: string; fingerprint: string; mode: EligibilityMode },
): VoterKey {
  const k = generateSigningKey(ed, rng);
  return {
    election: election.id,
    fingerprint: election.fingerprint,
    mode: election.mode,
    publicKey: toHex(k.publicKey),
    secretKey: k.secretKey,
  };
}

function toJson(k: VoterKey): JsonObject {
  return {
    format: VOTER_KEY_FORMAT,
    version: 1,
    election: k.election,
    fingerprint: k.fingerprint,
    mode: k.mode,
    public: k.publicKey,
    secret: toHex(k.secretKey),
    ...(k.boxes ? { boxes: [...k.boxes] } : {}),
    ...(k.token ? { token: votingTokenToJson(k.token) } : {}),
  };
}

/** Writes the key file atomically with mode 0600. */
export function writeVoterKey(file: string, k: VoterKey): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${canonicalJson(toJson(k))}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

const bad = (file: string, why: string) => clientError('KEY_FILE_INVALID', `${file}: ${why}`);

/** Reads a key file, checking that the secret key gives the public key. Throws `KEY_FILE_INVALID`. */
export function readVoterKey(file: string, ed: Ed25519): VoterKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw bad(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const p = parseJson(text.trim());
  if (!p.ok || !isJsonObject(p.value)) throw bad(file, 'is not a JSON object');
  const o = p.value;
  if (o.format !== VOTER_KEY_FORMAT || o.version !== 1) throw bad(file, 'is not a pnyx voter key file');
  const secret = fromHex(o.secret, 32);
  if (!secret.ok) throw bad(file, 'secret must be 64 hex digits');
  const publicKey = toHex(ed.publicKeyFromSecret(secret.value));
  if (publicKey !== o.public) throw bad(file, 'public does not match secret');
  if (typeof o.election !== 'string' || typeof o.fingerprint !== 'string' || typeof o.mode !== 'string')
    throw bad(file, 'election, fingerprint and mode must be strings');
  const mode = o.mode as EligibilityMode;
  let boxes: string[] | undefined;
  if (o.boxes !== undefined) {
    if (!Array.isArray(o.boxes) || o.boxes.some((b) => typeof b !== 'string'))
      throw bad(file, 'boxes must be a list of box ids');
    boxes = o.boxes as string[];
  }
  let token: VotingToken | undefined;
  if (o.token !== undefined) {
    const t = readVotingToken(o.token);
    if (!t.ok) throw bad(file, t.message);
    token = t.value;
  }
  return {
    election: o.election,
    fingerprint: o.fingerprint,
    mode,
    publicKey,
    secretKey: secret.value,
    ...(boxes ? { boxes } : {}),
    ...(token ? { token } : {}),
  };
}

/** True when the key file exists. */
export function voterKeyExists(file: string): boolean {
  return existsSync(file);
}

/** Whether a key is registered (boxes known, or a token held). */
export function isRegistered(k: VoterKey): boolean {
  return k.boxes !== undefined || k.token !== undefined;
}
