/**
 * The signer's raw RSA operation z = x^d mod n behind an interface, so that Node can inject OpenSSL
 * (`src/crypto/node/rsa-private-native.ts`) while browsers and tests use {@link rsaPrivatePure}.
 *
 * The pure backend uses the CRT with the key's JWK parameters (p, q, dp, dq, qi) and blinds the base:
 * with a fresh uniform r, it computes s' = (x·r^e)^d = x^d·r mod n and returns s = s'·r⁻¹ mod n, so the
 * timing of the variable-time BigInt exponentiations is decorrelated from the client-chosen x.
 * @cloudflare/blindrsa-ts itself exponentiates without CRT (about 0.6 s at 2048 bits against ~7 ms here).
 */
import { bigToBytesBE, bitLength, bytesToBigBE, mod, modInv, modPowBig } from '../bytes.js';
import { type Rng, systemRng } from '../rng.js';
import type { BlindSecretKey } from './keys.js';
import { randomBelow } from './rsabssa.js';

/** Raw RSA private-key operation on a kLen-byte big-endian integer x < n. */
export interface RsaPrivateOp {
  /** Name of the implementation, e.g. `bigint-crt` or `openssl`. */
  readonly backend: string;
  /** Returns x^d mod n as kLen bytes. The caller has checked that x is kLen bytes and below n. */
  apply(secretKey: BlindSecretKey, x: Uint8Array): Promise<Uint8Array>;
}

/** CRT parameters of an RSA secret key. */
interface CrtKey {
  readonly n: bigint;
  readonly e: bigint;
  readonly p: bigint;
  readonly q: bigint;
  readonly dp: bigint;
  readonly dq: bigint;
  readonly qi: bigint;
}

function base64UrlToBig(s: string | undefined): bigint {
  if (s === undefined) throw new Error('RSA private key lacks CRT parameters');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  let x = 0n;
  for (let i = 0; i < bin.length; i++) x = (x << 8n) | BigInt(bin.charCodeAt(i));
  return x;
}

const crtKeys = new WeakMap<BlindSecretKey, Promise<CrtKey>>();

/** Exports (once per key) the CRT parameters of a secret key through Web Crypto's JWK export. */
function crtKey(sk: BlindSecretKey): Promise<CrtKey> {
  let k = crtKeys.get(sk);
  if (k === undefined) {
    k = globalThis.crypto.subtle.exportKey('jwk', sk.key).then((j) => {
      const [p, q, dp, dq, qi] = [j.p, j.q, j.dp, j.dq, j.qi].map(base64UrlToBig) as [
        bigint,
        bigint,
        bigint,
        bigint,
        bigint,
      ];
      return { n: sk.publicKey.n, e: sk.publicKey.e, p, q, dp, dq, qi };
    });
    crtKeys.set(sk, k);
  }
  return k;
}

/** x^d mod n by the CRT (Garner): s_p = x^dp mod p, s_q = x^dq mod q, s = s_q + q·(qi·(s_p − s_q) mod p). */
function crt(k: CrtKey, x: bigint): bigint {
  const sp = modPowBig(x % k.p, k.dp, k.p);
  const sq = modPowBig(x % k.q, k.dq, k.q);
  return sq + k.q * mod(k.qi * (sp - sq), k.p);
}

/** A pure BigInt CRT backend whose base-blinding factors come from `rng`. */
export function makeRsaPrivatePure(rng: Rng = systemRng): RsaPrivateOp {
  return {
    backend: 'bigint-crt',
    async apply(secretKey, x) {
      const k = await crtKey(secretKey);
      const kLen = Math.ceil(bitLength(k.n) / 8);
      // Base blinding: r uniform in [1, n) and invertible (non-invertible r would reveal a factor).
      let r = randomBelow(k.n, rng);
      while (r % k.p === 0n || r % k.q === 0n) r = randomBelow(k.n, rng);
      const blinded = (bytesToBigBE(x) * modPowBig(r, k.e, k.n)) % k.n;
      const s = (crt(k, blinded) * modInv(r, k.n)) % k.n;
      return bigToBytesBE(s, kLen);
    },
  };
}

/** The pure backend with the platform CSPRNG. */
export const rsaPrivatePure: RsaPrivateOp = makeRsaPrivatePure();
