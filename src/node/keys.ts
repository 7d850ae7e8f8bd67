/**
 * A node's Ed25519 identity key. Created on first start in `DATA_DIR/NAME.key` (mode 0600, created with
 * O_EXCL so two starts never race), read on later starts. The file is JSON:
 * `{"format":"pnyx-node-key","version":1,"public":<64 hex>,"secret":<64 hex seed>}`.
 * A key file readable by group or others is refused (like ssh). The secret never appears in logs:
 * {@link NodeIdentity} hides it from JSON and inspection.
 */
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspect } from 'node:util';
import { fromHex, toHex } from '../crypto/bytes.js';
import { canonicalJson, isJsonObject, parseJson } from '../crypto/encoding/canonical-json.js';
import { fail, ok, type Result } from '../crypto/result.js';
import type { Rng } from '../crypto/rng.js';
import type { Ed25519 } from '../crypto/sig/ed25519.js';

/** Value of the key file's `format` key. */
export const KEY_FILE_FORMAT = 'pnyx-node-key';

/** A node's key pair. `secretKey` is for signers only; printing the object shows the public key. */
export interface NodeIdentity {
  /** Hex Ed25519 public key. */
  readonly publicKey: string;
  /** 32-byte seed. */
  readonly secretKey: Uint8Array;
}

function identity(publicKey: string, secretKey: Uint8Array): NodeIdentity {
  const id = { publicKey } as { publicKey: string; secretKey: Uint8Array };
  // Not enumerable: JSON.stringify, spreading and loggers do not see it.
  Object.defineProperty(id, 'secretKey', { value: secretKey, enumerable: false });
  Object.defineProperty(id, inspect.custom, { value: () => `NodeIdentity(${publicKey})`, enumerable: false });
  return Object.freeze(id);
}

/** The identity of a known 32-byte seed (tests, imported keys). */
export function identityFromSeed(ed: Ed25519, secretKey: Uint8Array): NodeIdentity {
  return identity(toHex(ed.publicKeyFromSecret(secretKey)), secretKey);
}

/** Reads the key file, or creates it with a fresh key when it does not exist. */
export function loadOrCreateIdentity(
  file: string,
  ed: Ed25519,
  rng: Rng,
): Result<{ identity: NodeIdentity; created: boolean }> {
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    fd = openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'EEXIST') {
      const r = readIdentity(file, ed);
      return r.ok ? ok({ identity: r.value, created: false }) : r;
    }
    return fail('ENCODING_INVALID', `cannot create the key file ${file}: ${(e as Error).message}`);
  }
  const secretKey = rng(32);
  const publicKey = toHex(ed.publicKeyFromSecret(secretKey));
  const text = canonicalJson({
    format: KEY_FILE_FORMAT,
    public: publicKey,
    secret: toHex(secretKey),
    version: 1,
  });
  try {
    writeSync(fd, `${text}\n`);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600); // in case the umask widened nothing, keep it exact
  return ok({ identity: identity(publicKey, secretKey), created: true });
}

/** Reads and checks a key file: owner-only mode, exact shape, public key matching the secret. */
export function readIdentity(file: string, ed: Ed25519): Result<NodeIdentity> {
  let text: string;
  try {
    if ((statSync(file).mode & 0o077) !== 0)
      return fail('KEY_INVALID', `key file ${file} is readable by others; run chmod 600 ${file}`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail('ENCODING_INVALID', `cannot read the key file ${file}: ${(e as Error).message}`);
  }
  const p = parseJson(text.trim());
  if (!p.ok || !isJsonObject(p.value) || p.value.format !== KEY_FILE_FORMAT || p.value.version !== 1)
    return fail('ENCODING_INVALID', `${file} is not a ${KEY_FILE_FORMAT} file`);
  const secret = fromHex(p.value.secret, 32);
  if (!secret.ok) return fail('KEY_INVALID', `${file}: the secret is not 32 bytes of hex`);
  const publicKey = toHex(ed.publicKeyFromSecret(secret.value));
  if (p.value.public !== publicKey)
    return fail('KEY_INVALID', `${file}: the public key does not match the secret`);
  return ok(identity(publicKey, secret.value));
}
