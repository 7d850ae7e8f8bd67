import { RSABSSA } from '@cloudflare/blindrsa-ts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BlindPublicKey,
  type BlindSecretKey,
  blindPublicKeyFromComponents,
  blindPublicKeyFromJson,
  blindPublicKeyToJson,
  decodeBlindPublicKey,
  encodeRsaSpki,
  exportBlindSecretKey,
  generateBlindKeyPair,
  importBlindSecretKey,
  publicCryptoKey,
  RSA_PSS_SHA384,
} from '../../src/crypto/blind/keys.js';
import { makeRsaPrivatePure, rsaPrivatePure } from '../../src/crypto/blind/rsa-private.js';
import {
  blindWith,
  emsaPssEncode,
  PSS_DETERMINISTIC,
  PSS_RANDOMIZED,
  PSSZERO_DETERMINISTIC,
} from '../../src/crypto/blind/rsabssa.js';
import {
  blind,
  blindSign,
  finalize,
  splitPreparedMessage,
  verifyToken,
} from '../../src/crypto/blind/tokens.js';
import { bigToBytesBE, bytesToBigBE, concatBytes, fromHex, modInv, toHex } from '../../src/crypto/bytes.js';
import { rsaPrivateNative } from '../../src/crypto/node/rsa-private-native.js';
import { unwrap } from '../../src/crypto/result.js';
import type { Rng } from '../../src/crypto/rng.js';
import { ed25519Pure } from '../../src/crypto/sig/ed25519.js';
import { RFC9474_A1, RFC9474_A3, RFC9474_A4, RFC9474_KEY } from './blind-rfc9474-vectors.js';

const hex = (s: string): Uint8Array => unwrap(fromHex(s));
const big = (s: string): bigint => BigInt(`0x${s}`);

/** An rng that returns the given byte strings in order (and fails loudly if asked for anything else). */
function scriptedRng(...parts: Uint8Array[]): Rng {
  const queue = [...parts];
  return (n) => {
    const next = queue.shift();
    if (next === undefined || next.length !== n)
      throw new Error(`scripted rng: unexpected request of ${n} bytes`);
    return Uint8Array.from(next);
  };
}

const b64url = (x: bigint): string => {
  const b = bigToBytesBE(x, Math.ceil(x.toString(16).length / 2));
  return btoa(String.fromCharCode(...b))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
};

/** The RFC key as a blind secret key (Web Crypto JWK import with CRT parameters). */
async function rfcSecretKey(): Promise<BlindSecretKey> {
  const [p, q, n, e, d] = [RFC9474_KEY.p, RFC9474_KEY.q, RFC9474_KEY.n, RFC9474_KEY.e, RFC9474_KEY.d].map(
    big,
  ) as [bigint, bigint, bigint, bigint, bigint];
  const jwk: JsonWebKey = {
    kty: 'RSA',
    n: b64url(n),
    e: b64url(e),
    d: b64url(d),
    p: b64url(p),
    q: b64url(q),
    dp: b64url(d % (p - 1n)),
    dq: b64url(d % (q - 1n)),
    qi: b64url(modInv(q, p)),
  };
  const key = await crypto.subtle.importKey('jwk', jwk, RSA_PSS_SHA384, true, ['sign']);
  return { publicKey: unwrap(blindPublicKeyFromComponents(n, e)), key };
}

describe('RFC 9474 Appendix A vectors', () => {
  const n = big(RFC9474_KEY.n);
  const e = big(RFC9474_KEY.e);
  const rOf = (inv: string) => bigToBytesBE(modInv(big(inv), n), 512);
  let sk: BlindSecretKey;
  beforeAll(async () => {
    sk = await rfcSecretKey();
  });

  it('A.1 RSABSSA-SHA384-PSS-Randomized: blind, blindSign, finalize, verify', async () => {
    const v = RFC9474_A1;
    const rng = scriptedRng(hex(v.msg_prefix), hex(v.salt), rOf(v.inv));
    const out = blind(sk.publicKey, hex(v.msg), rng);
    expect(toHex(out.preparedMsg)).toBe(v.prepared_msg);
    expect(toHex(out.blindedMsg)).toBe(v.blinded_msg);
    expect(toHex(out.inv)).toBe(v.inv);
    const blindSig = unwrap(await blindSign(sk, out.blindedMsg));
    expect(toHex(blindSig)).toBe(v.blind_sig);
    expect(toHex(unwrap(await blindSign(sk, out.blindedMsg, rsaPrivateNative)))).toBe(v.blind_sig);
    const fixedBlinding = makeRsaPrivatePure(scriptedRng(bigToBytesBE(12345n, 512)));
    expect(toHex(unwrap(await blindSign(sk, out.blindedMsg, fixedBlinding)))).toBe(v.blind_sig);
    const sig = unwrap(await finalize(sk.publicKey, out.preparedMsg, blindSig, out.inv));
    expect(toHex(sig)).toBe(v.sig);
    expect(await verifyToken(sk.publicKey, hex(v.prepared_msg), hex(v.sig))).toEqual({
      ok: true,
      value: true,
    });
  });

  it('A.3 RSABSSA-SHA384-PSS-Deterministic: encoded message, blinding, signature', async () => {
    const v = RFC9474_A3;
    expect(toHex(emsaPssEncode(hex(RFC9474_A1.msg), 4095, hex(RFC9474_A1.salt)))).toBe(v.encoded_msg);
    const out = blindWith(
      PSS_DETERMINISTIC,
      n,
      e,
      hex(RFC9474_A1.msg),
      scriptedRng(hex(RFC9474_A1.salt), rOf(RFC9474_A1.inv)),
    );
    expect(toHex(out.blindedMsg)).toBe(v.blinded_msg);
    expect(toHex(unwrap(await blindSign(sk, out.blindedMsg)))).toBe(v.blind_sig);
    const suite = RSABSSA.SHA384.PSS.Deterministic();
    const pk = await publicCryptoKey(sk.publicKey);
    expect(toHex(await suite.finalize(pk, out.preparedMsg, hex(v.blind_sig), out.inv))).toBe(v.sig);
  });

  it('A.4 RSABSSA-SHA384-PSSZERO-Deterministic: encoded message, blinding, signature', async () => {
    const v = RFC9474_A4;
    expect(toHex(emsaPssEncode(hex(RFC9474_A1.msg), 4095, new Uint8Array(0)))).toBe(v.encoded_msg);
    const out = blindWith(PSSZERO_DETERMINISTIC, n, e, hex(RFC9474_A1.msg), scriptedRng(rOf(v.inv)));
    expect(toHex(out.blindedMsg)).toBe(v.blinded_msg);
    expect(toHex(out.inv)).toBe(v.inv);
    expect(toHex(unwrap(await blindSign(sk, out.blindedMsg)))).toBe(v.blind_sig);
    const suite = RSABSSA.SHA384.PSSZero.Deterministic();
    const pk = await publicCryptoKey(sk.publicKey);
    expect(toHex(await suite.finalize(pk, out.preparedMsg, hex(v.blind_sig), out.inv))).toBe(v.sig);
    expect(await suite.verify(pk, hex(v.sig), hex(RFC9474_A1.msg))).toBe(true);
  });

  it('the default variant is RSABSSA-SHA384-PSS-Randomized', () => {
    expect(PSS_RANDOMIZED).toEqual({
      name: 'RSABSSA-SHA384-PSS-Randomized',
      saltLength: 48,
      randomized: true,
    });
  });
});

describe('blind tokens on voting keys (2048-bit key)', () => {
  let pk: BlindPublicKey;
  let sk: BlindSecretKey;
  let other: BlindPublicKey;
  const votingKey = ed25519Pure.publicKeyFromSecret(new Uint8Array(32).fill(5));
  beforeAll(async () => {
    ({ publicKey: pk, secretKey: sk } = await generateBlindKeyPair(2048));
    ({ publicKey: other } = await generateBlindKeyPair(2048));
  });

  async function issue(message: Uint8Array) {
    const b = blind(pk, message);
    const blindSig = unwrap(await blindSign(sk, b.blindedMsg));
    return { ...b, blindSig, sig: unwrap(await finalize(pk, b.preparedMsg, blindSig, b.inv)) };
  }

  it(`round trip on ${process.version} (no Promise.withResolvers needed)`, async () => {
    const t = await issue(votingKey);
    expect(t.sig.length).toBe(256);
    expect((await verifyToken(pk, t.preparedMsg, t.sig)).ok).toBe(true);
    const parts = unwrap(splitPreparedMessage(t.preparedMsg));
    expect(parts.message).toEqual(votingKey);
    expect(parts.prefix.length).toBe(32);
  });

  it('property: random messages round trip; blinded messages look unrelated to the message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 64 }), async (m) => {
        const t = await issue(m);
        expect((await verifyToken(pk, t.preparedMsg, t.sig)).ok).toBe(true);
        const again = blind(pk, m);
        expect(again.blindedMsg).not.toEqual(t.blindedMsg);
        expect(again.preparedMsg).not.toEqual(t.preparedMsg);
      }),
      { numRuns: 5 },
    );
  });

  it('tampered token, message, key, blinded message, blind signature or inverse fail', async () => {
    const t = await issue(votingKey);
    const flip = (b: Uint8Array, i: number) => {
      const c = Uint8Array.from(b);
      c[i]! ^= 1;
      return c;
    };
    expect(await verifyToken(pk, t.preparedMsg, flip(t.sig, 100))).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await verifyToken(pk, flip(t.preparedMsg, 0), t.sig)).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await verifyToken(pk, flip(t.preparedMsg, 40), t.sig)).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await verifyToken(other, t.preparedMsg, t.sig)).toMatchObject({ ok: false });
    // The signer signs a tampered blinded message: the result does not finalize.
    const badBlind = unwrap(await blindSign(sk, flip(t.blindedMsg, 200)));
    expect(await finalize(pk, t.preparedMsg, badBlind, t.inv)).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await finalize(pk, t.preparedMsg, flip(t.blindSig, 7), t.inv)).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect(await finalize(pk, t.preparedMsg, t.blindSig, flip(t.inv, 9))).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect(await finalize(other, t.preparedMsg, t.blindSig, t.inv)).toMatchObject({ ok: false });
    expect(await finalize(pk, flip(t.preparedMsg, 33), t.blindSig, t.inv)).toMatchObject({
      code: 'TOKEN_INVALID',
    });
  });

  it('lengths and ranges are checked before any arithmetic (ENCODING_INVALID)', async () => {
    const t = await issue(votingKey);
    const nBytes = bigToBytesBE(pk.n, 256);
    const cases: [string, Promise<unknown>][] = [
      ['short sig', verifyToken(pk, t.preparedMsg, t.sig.subarray(1))],
      ['long sig', verifyToken(pk, t.preparedMsg, concatBytes(Uint8Array.of(0), t.sig))],
      ['sig = n', verifyToken(pk, t.preparedMsg, nBytes)],
      ['short prepared', verifyToken(pk, t.preparedMsg.subarray(0, 31), t.sig)],
      ['not bytes', verifyToken(pk, t.preparedMsg, 'x' as unknown as Uint8Array)],
      ['blinded = n', blindSign(sk, nBytes)],
      ['short blinded', blindSign(sk, t.blindedMsg.subarray(2))],
      ['short blind sig', finalize(pk, t.preparedMsg, t.blindSig.subarray(1), t.inv)],
      ['inv = n', finalize(pk, t.preparedMsg, t.blindSig, nBytes)],
    ];
    for (const [name, p] of cases)
      expect(await p, name).toMatchObject({ ok: false, code: 'ENCODING_INVALID' });
  });

  it('interoperates with the library blinding (its own randomness) both ways', async () => {
    const suite = RSABSSA.SHA384.PSS.Randomized();
    const key = await publicCryptoKey(pk);
    const prepared = suite.prepare(votingKey);
    const theirs = await suite.blind(key, prepared);
    const z = unwrap(await blindSign(sk, theirs.blindedMsg));
    const sig = unwrap(await finalize(pk, prepared, z, theirs.inv));
    expect((await verifyToken(pk, prepared, sig)).ok).toBe(true);
    const ours = blind(pk, votingKey);
    const z2 = await suite.blindSign(sk.key, ours.blindedMsg);
    expect(
      await suite.verify(key, await suite.finalize(key, ours.preparedMsg, z2, ours.inv), ours.preparedMsg),
    ).toBe(true);
  });

  it('public key encodings: SPKI matches Web Crypto, hex JSON round trips', async () => {
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', await publicCryptoKey(pk)));
    expect(toHex(spki)).toBe(toHex(pk.spki));
    expect(toHex(encodeRsaSpki(pk.n, pk.e))).toBe(toHex(spki));
    const json = blindPublicKeyToJson(pk);
    expect(json).toMatch(
      /^30820122300d06092a864886f70d01010105000382010f003082010a0282010100[0-9a-f]+0203010001$/,
    );
    const back = unwrap(blindPublicKeyFromJson(json));
    expect(back.n).toBe(pk.n);
    expect(back.bits).toBe(2048);
  });

  it('secret keys export to PKCS#8 and import back; garbage is KEY_INVALID', async () => {
    const pkcs8 = await exportBlindSecretKey(sk);
    const back = unwrap(await importBlindSecretKey(pkcs8));
    expect(back.publicKey.n).toBe(pk.n);
    const b = blind(pk, votingKey);
    const z = unwrap(await blindSign(back, b.blindedMsg));
    expect((await finalize(pk, b.preparedMsg, z, b.inv)).ok).toBe(true);
    expect(await importBlindSecretKey(pkcs8.subarray(0, 100))).toMatchObject({ code: 'KEY_INVALID' });
    expect(await importBlindSecretKey(new Uint8Array(10))).toMatchObject({ code: 'KEY_INVALID' });
  });

  it('both signer backends and the library give the same blind signature', async () => {
    const b = blind(pk, votingKey);
    const pure = unwrap(await blindSign(sk, b.blindedMsg, rsaPrivatePure));
    expect(unwrap(await blindSign(sk, b.blindedMsg, rsaPrivateNative))).toEqual(pure);
    expect(await RSABSSA.SHA384.PSS.Randomized().blindSign(sk.key, b.blindedMsg)).toEqual(pure);
  });

  it('a faulty signer backend is caught by the z^e check', async () => {
    const b = blind(pk, votingKey);
    const faulty = {
      backend: 'faulty',
      apply: async () => bigToBytesBE(pk.n - 2n, 256),
    };
    expect(await blindSign(sk, b.blindedMsg, faulty)).toMatchObject({ code: 'KEY_INVALID' });
    const throwing = {
      backend: 'throwing',
      apply: async (): Promise<Uint8Array> => {
        throw new Error('no');
      },
    };
    expect(await blindSign(sk, b.blindedMsg, throwing)).toMatchObject({ code: 'KEY_INVALID' });
  });

  it('measures 2048-bit blind, blindSign (both backends), finalize, verify', async () => {
    const b = blind(pk, votingKey);
    const time = async (n: number, f: () => unknown) => {
      await f();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await f();
      return ((performance.now() - t0) / n).toFixed(2);
    };
    const z = unwrap(await blindSign(sk, b.blindedMsg));
    const s = unwrap(await finalize(pk, b.preparedMsg, z, b.inv));
    console.log(
      [
        `blind ${await time(10, () => blind(pk, votingKey))} ms`,
        `blindSign bigint-crt ${await time(10, () => blindSign(sk, b.blindedMsg))} ms`,
        `blindSign openssl ${await time(50, () => blindSign(sk, b.blindedMsg, rsaPrivateNative))} ms`,
        `finalize ${await time(10, () => finalize(pk, b.preparedMsg, z, b.inv))} ms`,
        `verifyToken ${await time(50, () => verifyToken(pk, b.preparedMsg, s))} ms`,
      ].join(', '),
    );
  });
});

describe('strict public key decoding', () => {
  const n2048 = (1n << 2047n) + 12345n * 2n + 1n; // odd, 2048 bits (not a real modulus; decoding does not factor)
  const good = encodeRsaSpki(n2048, 65537n);

  it('accepts the canonical encoding', () => {
    expect(unwrap(decodeBlindPublicKey(good)).n).toBe(n2048);
  });

  it('rejects wrong sizes, even moduli and other exponents with KEY_INVALID', () => {
    expect(decodeBlindPublicKey(encodeRsaSpki((1n << 1023n) + 1n, 65537n))).toMatchObject({
      code: 'KEY_INVALID',
    });
    expect(decodeBlindPublicKey(encodeRsaSpki(n2048 + 1n, 65537n))).toMatchObject({ code: 'KEY_INVALID' });
    expect(decodeBlindPublicKey(encodeRsaSpki(n2048, 3n))).toMatchObject({ code: 'KEY_INVALID' });
    expect(blindPublicKeyFromComponents(n2048, 0n)).toMatchObject({ code: 'KEY_INVALID' });
  });

  it('rejects non-minimal DER with ENCODING_NONCANONICAL', () => {
    const len = (n: number) =>
      n < 128 ? Uint8Array.of(n) : n < 256 ? Uint8Array.of(0x81, n) : Uint8Array.of(0x82, n >> 8, n & 255);
    const tlv = (tag: number, body: Uint8Array, l = len(body.length)) =>
      concatBytes(Uint8Array.of(tag), l, body);
    const spki = (rsaKeyBody: Uint8Array) =>
      tlv(
        0x30,
        concatBytes(
          hex('300d06092a864886f70d0101010500'),
          tlv(0x03, concatBytes(Uint8Array.of(0), tlv(0x30, rsaKeyBody))),
        ),
      );
    const nInt = tlv(0x02, concatBytes(Uint8Array.of(0), bigToBytesBE(n2048, 256)));
    expect(spki(concatBytes(nInt, hex('0203010001')))).toEqual(good);
    // e = 65537 with a redundant leading zero byte.
    expect(decodeBlindPublicKey(spki(concatBytes(nInt, hex('020400010001'))))).toMatchObject({
      code: 'ENCODING_NONCANONICAL',
    });
    // e's length in long form where the short form fits.
    expect(
      decodeBlindPublicKey(spki(concatBytes(nInt, hex('02810301000 1'.replace(' ', ''))))),
    ).toMatchObject({
      code: 'ENCODING_NONCANONICAL',
    });
    // n with a redundant extra zero byte.
    const nPadded = tlv(0x02, concatBytes(Uint8Array.of(0, 0), bigToBytesBE(n2048, 256)));
    expect(decodeBlindPublicKey(spki(concatBytes(nPadded, hex('0203010001'))))).toMatchObject({
      code: 'ENCODING_NONCANONICAL',
    });
  });

  it('rejects trailing bytes, truncation, other algorithms, hex case and garbage without throwing', () => {
    expect(decodeBlindPublicKey(concatBytes(good, Uint8Array.of(0)))).toMatchObject({
      code: 'ENCODING_INVALID',
    });
    expect(decodeBlindPublicKey(good.subarray(0, good.length - 1))).toMatchObject({
      code: 'ENCODING_INVALID',
    });
    const rsaPss = Uint8Array.from(good);
    rsaPss[16] = 0x0a; // OID 1.2.840.113549.1.1.10 (id-RSASSA-PSS)
    expect(decodeBlindPublicKey(rsaPss)).toMatchObject({ code: 'ENCODING_INVALID' });
    expect(blindPublicKeyFromJson(toHex(good).toUpperCase())).toMatchObject({ code: 'ENCODING_INVALID' });
    expect(blindPublicKeyFromJson(42)).toMatchObject({ code: 'ENCODING_INVALID' });
    expect(decodeBlindPublicKey('00')).toMatchObject({ code: 'ENCODING_INVALID' });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(), fc.nat(255), (junk, at, byte) => {
        expect(decodeBlindPublicKey(junk).ok).toBe(false);
        const m = Uint8Array.from(good);
        m[at % m.length] = byte;
        const r = decodeBlindPublicKey(m);
        if (r.ok) expect(bytesToBigBE(r.value.spki)).toBe(bytesToBigBE(m));
      }),
      { numRuns: 300 },
    );
  });
});
