/**
 * Anonymous voting tokens: RFC 9474 RSABSSA-SHA384-PSS-Randomized blind signatures on the voter's fresh
 * voting public key.
 *
 * Flow: the voter makes a fresh Ed25519 voting key A and calls {@link blind}(pk, A) → (blindedMsg, inv,
 * preparedMsg = prefix ‖ A); after login the registrar calls {@link blindSign} on blindedMsg (it learns
 * who asked, never A); the voter calls {@link finalize} to get the token signature σ on preparedMsg.
 * Anyone checks (preparedMsg, σ) with {@link verifyToken} and reads A as the last bytes of preparedMsg.
 *
 * Key generation, finalization and verification go through @cloudflare/blindrsa-ts (Web Crypto, hence
 * async); blinding is done in `rsabssa.ts` so that its randomness is an injected {@link Rng}; the signer's
 * exponentiation is an injected {@link RsaPrivateOp} (CRT in BigInt by default, OpenSSL on Node).
 */
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { bytesToBigBE, modPowBig } from '../bytes.js';
import { type Check, fail, OK, ok, type Result } from '../result.js';
import { type Rng, systemRng } from '../rng.js';
import { type BlindPublicKey, type BlindSecretKey, publicCryptoKey } from './keys.js';
import { type RsaPrivateOp, rsaPrivatePure } from './rsa-private.js';
import { type BlindOutput, blindWith, PREFIX_LEN, PSS_RANDOMIZED } from './rsabssa.js';

const suite = RSABSSA.SHA384.PSS.Randomized();

/** Byte length kLen of the modulus, of blinded messages and of signatures. */
export function modulusBytes(pk: BlindPublicKey): number {
  return Math.ceil(pk.bits / 8);
}

/** Checks that `x` is kLen bytes encoding an integer < n (`ENCODING_INVALID` otherwise). */
function checkRepresentative(pk: BlindPublicKey, x: unknown, what: string): Check {
  if (!(x instanceof Uint8Array) || x.length !== modulusBytes(pk))
    return fail('ENCODING_INVALID', `${what} must be ${modulusBytes(pk)} bytes`);
  if (bytesToBigBE(x) >= pk.n) return fail('ENCODING_INVALID', `${what} is not below the modulus`);
  return OK;
}

/**
 * Client step 1: prepares `message` (the voting public key) with a fresh 32-byte prefix and blinds it.
 * Draws prefix, PSS salt and the blinding factor r from `rng`.
 */
export function blind(publicKey: BlindPublicKey, message: Uint8Array, rng: Rng = systemRng): BlindOutput {
  return blindWith(PSS_RANDOMIZED, publicKey.n, publicKey.e, message, rng);
}

/**
 * Signer step (RFC 9474 §4.3): z = blindedMsg^d mod n through `op`, then the fault check z^e = blindedMsg
 * (a faulty CRT result would otherwise leak a factor of n). `ENCODING_INVALID` if `blindedMsg` is not
 * kLen bytes below n; `KEY_INVALID` if the private operation fails or does not match the public key.
 */
export async function blindSign(
  secretKey: BlindSecretKey,
  blindedMsg: Uint8Array,
  op: RsaPrivateOp = rsaPrivatePure,
): Promise<Result<Uint8Array>> {
  const pk = secretKey.publicKey;
  const c = checkRepresentative(pk, blindedMsg, 'blinded message');
  if (!c.ok) return c;
  try {
    const z = await op.apply(secretKey, blindedMsg);
    // Fault check: RSAVP1(pk, z) must give back the blinded message.
    if (z.length !== modulusBytes(pk) || modPowBig(bytesToBigBE(z), pk.e, pk.n) !== bytesToBigBE(blindedMsg))
      return fail('KEY_INVALID', 'signing failure: z^e does not match the blinded message');
    return ok(z);
  } catch (e) {
    return fail('KEY_INVALID', `blind signing failed: ${e instanceof Error ? e.message : e}`);
  }
}

/**
 * Client step 2: unblinds s = blindSig·inv mod n and checks it as an RSASSA-PSS signature on
 * `preparedMsg`. `TOKEN_INVALID` if the signer's answer does not yield a valid signature.
 */
export async function finalize(
  publicKey: BlindPublicKey,
  preparedMsg: Uint8Array,
  blindSig: Uint8Array,
  inv: Uint8Array,
): Promise<Result<Uint8Array>> {
  const c = checkRepresentative(publicKey, blindSig, 'blind signature');
  if (!c.ok) return c;
  const i = checkRepresentative(publicKey, inv, 'blinding inverse');
  if (!i.ok) return i;
  try {
    return ok(await suite.finalize(await publicCryptoKey(publicKey), preparedMsg, blindSig, inv));
  } catch (e) {
    return fail('TOKEN_INVALID', `blind signature does not finalize: ${e instanceof Error ? e.message : e}`);
  }
}

/**
 * Checks a token: `signature` must be a kLen-byte RSASSA-PSS (SHA-384, MGF1-SHA-384, 48-byte salt)
 * signature below n on `preparedMsg` = 32-byte prefix ‖ message. Never throws.
 * Codes: `ENCODING_INVALID` (lengths, range), `TOKEN_INVALID` (does not verify).
 */
export async function verifyToken(
  publicKey: BlindPublicKey,
  preparedMsg: Uint8Array,
  signature: Uint8Array,
): Promise<Check> {
  try {
    if (!(preparedMsg instanceof Uint8Array) || preparedMsg.length < PREFIX_LEN)
      return fail('ENCODING_INVALID', `prepared message must start with a ${PREFIX_LEN}-byte prefix`);
    const c = checkRepresentative(publicKey, signature, 'token signature');
    if (!c.ok) return c;
    const valid = await suite.verify(await publicCryptoKey(publicKey), signature, preparedMsg);
    return valid ? OK : fail('TOKEN_INVALID', 'token signature does not verify');
  } catch (e) {
    return fail('TOKEN_INVALID', `token cannot be checked: ${e instanceof Error ? e.message : e}`);
  }
}

/** Splits a prepared message into its 32-byte random prefix and the message (the voting key). */
export function splitPreparedMessage(
  preparedMsg: Uint8Array,
): Result<{ prefix: Uint8Array; message: Uint8Array }> {
  if (!(preparedMsg instanceof Uint8Array) || preparedMsg.length < PREFIX_LEN)
    return fail('ENCODING_INVALID', `prepared message must start with a ${PREFIX_LEN}-byte prefix`);
  return ok({ prefix: preparedMsg.slice(0, PREFIX_LEN), message: preparedMsg.slice(PREFIX_LEN) });
}
