/**
 * The voter key file's format, without the file system: the Ed25519 voting key pair made on the voter's
 * machine, bound to one election, with what registration gave (the assigned ballot boxes, or the voting
 * token). The command line keeps it in a file (`key-file.ts`); the web booth keeps the same text in the
 * browser and exports it as a file, so either can read what the other wrote.
 *
 * `{"format":"pnyx-voter-key","version":1,"election":ID,"fingerprint":HEX,"mode":MODE,
 *   "public":HEX,"secret":HEX,"boxes"?:[ID,…],"token"?:{"prefix","sig"}}`
 */
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

/** The key file's JSON object (holds the secret key). */
export function voterKeyToJson(k: VoterKey): JsonObject {
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

/** The key file's text: canonical JSON and a newline. */
export function voterKeyText(k: VoterKey): string {
  return `${canonicalJson(voterKeyToJson(k))}\n`;
}

/**
 * Reads a key file's text, checking that the secret key gives the public key. Throws `KEY_FILE_INVALID`
 * naming `where` (the file, or what the text came from).
 */
export function parseVoterKey(text: string, ed: Ed25519, where: string): VoterKey {
  const bad = (why: string) => clientError('KEY_FILE_INVALID', `${where}: ${why}`);
  const p = parseJson(text.trim());
  if (!p.ok || !isJsonObject(p.value)) throw bad('is not a JSON object');
  const o = p.value;
  if (o.format !== VOTER_KEY_FORMAT || o.version !== 1) throw bad('is not a pnyx voter key file');
  const secret = fromHex(o.secret, 32);
  if (!secret.ok) throw bad('secret must be 64 hex digits');
  const publicKey = toHex(ed.publicKeyFromSecret(secret.value));
  if (publicKey !== o.public) throw bad('public does not match secret');
  if (typeof o.election !== 'string' || typeof o.fingerprint !== 'string' || typeof o.mode !== 'string')
    throw bad('election, fingerprint and mode must be strings');
  const mode = o.mode as EligibilityMode;
  let boxes: string[] | undefined;
  if (o.boxes !== undefined) {
    if (!Array.isArray(o.boxes) || o.boxes.some((b) => typeof b !== 'string'))
      throw bad('boxes must be a list of box ids');
    boxes = o.boxes as string[];
  }
  let token: VotingToken | undefined;
  if (o.token !== undefined) {
    const t = readVotingToken(o.token);
    if (!t.ok) throw bad(t.message);
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

/** Whether a key is registered (boxes known, or a token held). */
export function isRegistered(k: VoterKey): boolean {
  return k.boxes !== undefined || k.token !== undefined;
}
