import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigToBytesLE, bytesToBigLE, concatBytes, fromHex, mod, toHex } from '../../src/crypto/bytes.js';
import { ed25519Native, ed25519OpenSsl } from '../../src/crypto/node/ed25519-native.js';
import { unwrap } from '../../src/crypto/result.js';
import { type Ed25519, ed25519Pure, generateSigningKey } from '../../src/crypto/sig/ed25519.js';
import { ED25519_L, ED25519_P } from '../../src/crypto/sig/ed25519-policy.js';
import { kOf, Point, sigOf, TORSION8, torsionSigned } from './ed25519-cases.js';

const hex = (s: string): Uint8Array => unwrap(fromHex(s));
const BACKENDS: readonly Ed25519[] = [
  ed25519Pure,
  ed25519Native,
  ...(ed25519Native === ed25519OpenSsl ? [] : [ed25519OpenSsl]),
];

/** RFC 8032 §7.1, all five Ed25519 test vectors. */
const RFC8032 = [
  {
    name: 'TEST 1',
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2',
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3',
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
  {
    name: 'TEST 1024',
    secret: 'f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5',
    public: '278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e',
    message: [
      '08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98',
      'fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d8',
      '79de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d',
      '658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc',
      '1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4fe',
      'ba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e',
      '06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbef',
      'efd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7',
      'aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1',
      '85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2',
      'd17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24',
      '554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270',
      '88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc',
      '2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b07',
      '07e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba',
      'b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51a',
      'ddd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429e',
      'c96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7',
      '51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c',
      '42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8',
      'ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df',
      'f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08',
      'd78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649',
      'de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4',
      '88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a3',
      '2ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e',
      '6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f',
      'b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b5',
      '0d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1',
      '369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d',
      'b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c',
      '0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0',
    ].join(''),
    signature:
      '0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03',
  },
  {
    name: 'TEST SHA(abc)',
    secret: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    public: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    message:
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    signature:
      'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  },
];

/** Every backend (pure, OpenSSL, and the native addon when built) must give the same verdict; returns it. */
function verdict(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const a = ed25519Pure.verify(publicKey, message, signature);
  for (const ed of BACKENDS.slice(1)) {
    const b = ed.verify(publicKey, message, signature);
    expect(b, `${ed.backend} disagrees on ${toHex(publicKey)} / ${toHex(signature)}`).toBe(a);
  }
  return a;
}

describe('Ed25519 RFC 8032 §7.1 vectors', () => {
  for (const ed of BACKENDS) {
    for (const v of RFC8032) {
      it(`${ed.backend}: ${v.name}`, () => {
        const sk = hex(v.secret);
        const msg = hex(v.message);
        expect(toHex(ed.publicKeyFromSecret(sk))).toBe(v.public);
        expect(toHex(ed.sign(sk, msg))).toBe(v.signature);
        expect(ed.verify(hex(v.public), msg, hex(v.signature))).toBe(true);
      });
    }
  }
  it('TEST 1024 has a 1023-byte message', () => {
    expect(hex(RFC8032[3]!.message).length).toBe(1023);
  });
});

describe('Ed25519 backends agree', () => {
  it('random keys and messages: sign with either, both verify; any flipped bit fails in both', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(),
        fc.constantFrom('pk', 'msg', 'sig'),
        (seed, msg, at, where) => {
          const pk = ed25519Pure.publicKeyFromSecret(seed);
          expect(ed25519OpenSsl.publicKeyFromSecret(seed)).toEqual(pk);
          expect(ed25519Native.publicKeyFromSecret(seed)).toEqual(pk);
          const sig = ed25519Pure.sign(seed, msg);
          expect(ed25519Native.sign(seed, msg)).toEqual(sig);
          expect(verdict(pk, msg, sig)).toBe(true);
          const bad = { pk: Uint8Array.from(pk), msg: Uint8Array.from(msg), sig: Uint8Array.from(sig) };
          const target = bad[where as 'pk' | 'msg' | 'sig'];
          if (target.length === 0) return;
          target[at % target.length]! ^= 1 << (at % 8);
          expect(verdict(bad.pk, bad.msg, bad.sig)).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random 32/64-byte garbage is rejected identically', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (pk, sig) => {
          expect(verdict(pk, new Uint8Array(0), sig)).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('generateSigningKey uses the rng and yields a working pair', () => {
    const rng = (n: number) => new Uint8Array(n).fill(7);
    for (const ed of BACKENDS) {
      const { secretKey, publicKey } = generateSigningKey(ed, rng);
      expect(secretKey).toEqual(new Uint8Array(32).fill(7));
      expect(ed.verify(publicKey, hex('00'), ed.sign(secretKey, hex('00')))).toBe(true);
    }
  });
});

describe('Ed25519 edge cases (one policy for both backends)', () => {
  const v = RFC8032[1]!;
  const pk = hex(v.public);
  const msg = hex(v.message);
  const sig = hex(v.signature);

  it('rejects S ≥ L (S + L malleation, S = L, all-ones S)', () => {
    const s = bytesToBigLE(sig.subarray(32));
    expect(verdict(pk, msg, concatBytes(sig.subarray(0, 32), bigToBytesLE(s + ED25519_L, 32)))).toBe(false);
    expect(verdict(pk, msg, concatBytes(sig.subarray(0, 32), bigToBytesLE(ED25519_L, 32)))).toBe(false);
    expect(verdict(pk, msg, concatBytes(sig.subarray(0, 32), new Uint8Array(32).fill(0xff)))).toBe(false);
  });

  it('rejects wrong lengths and non-bytes without throwing', () => {
    for (const [kl, sl] of [
      [31, 64],
      [33, 64],
      [0, 64],
      [32, 63],
      [32, 65],
      [32, 0],
    ] as const) {
      const k = new Uint8Array(kl);
      k.set(pk.subarray(0, Math.min(32, kl)));
      const s = new Uint8Array(sl);
      s.set(sig.subarray(0, Math.min(64, sl)));
      expect(verdict(k, msg, s)).toBe(false);
    }
    for (const ed of BACKENDS) {
      expect(ed.verify(v.public as unknown as Uint8Array, msg, sig)).toBe(false);
      expect(ed.verify(pk, null as unknown as Uint8Array, sig)).toBe(false);
      expect(ed.verify(pk, msg, undefined as unknown as Uint8Array)).toBe(false);
    }
  });

  it('sign and publicKeyFromSecret throw on a secret key that is not 32 bytes', () => {
    for (const ed of BACKENDS) {
      expect(() => ed.sign(new Uint8Array(31), msg)).toThrow(/32-byte/);
      expect(() => ed.sign(new Uint8Array(64), msg)).toThrow(/32-byte/);
      expect(() => ed.publicKeyFromSecret(new Uint8Array(33))).toThrow(/32-byte/);
    }
  });

  it('rejects every small-order public key, canonical or not, even with "valid" signatures', () => {
    const identity = Point.ZERO.toBytes();
    // A = R = identity, S = 0 satisfies [S]B = R + [k]A for every message.
    expect(verdict(identity, msg, concatBytes(identity, new Uint8Array(32)))).toBe(false);
    for (let i = 0; i < 8; i++) {
      const t = TORSION8.multiplyUnsafe(BigInt(i));
      const enc = t.toBytes();
      const flipped = Uint8Array.from(enc);
      flipped[31]! ^= 0x80; // the other sign (non-canonical when x = 0)
      for (const a of [enc, flipped]) {
        // R = identity, S = 0: k·A is small-order, so this passes a cofactored check.
        expect(verdict(a, msg, concatBytes(identity, new Uint8Array(32)))).toBe(false);
        expect(verdict(a, msg, concatBytes(t.toBytes(), new Uint8Array(32)))).toBe(false);
      }
    }
  });

  it('rejects non-canonical public keys (y ≥ p), including y = p + 1 (identity)', () => {
    for (let y = ED25519_P; y < 2n ** 255n; y++) {
      for (const sign of [0, 0x80]) {
        const a = bigToBytesLE(y, 32);
        a[31]! |= sign;
        expect(verdict(a, msg, sig)).toBe(false);
        expect(verdict(a, msg, concatBytes(Point.ZERO.toBytes(), new Uint8Array(32)))).toBe(false);
      }
    }
  });

  it('rejects a y that is not on the curve', () => {
    expect(verdict(bigToBytesLE(2n, 32), msg, sig)).toBe(false);
  });

  it('rejects a non-canonical R (y ≥ p) built from a real identity R', () => {
    // Key x, R = identity (r = 0), S = k·x: a valid signature whose R re-encoded as y = p + 1 must fail.
    const seed = new Uint8Array(32).fill(3);
    const { scalar: x, pointBytes: a } = ed25519.utils.getExtendedPublicKey(seed);
    const r = Point.ZERO.toBytes();
    const good = concatBytes(r, bigToBytesLE(mod(kOf(r, a, msg) * x, ED25519_L), 32));
    expect(verdict(a, msg, good)).toBe(true);
    const rNonCanonical = bigToBytesLE(ED25519_P + 1n, 32);
    const bad = concatBytes(rNonCanonical, bigToBytesLE(mod(kOf(rNonCanonical, a, msg) * x, ED25519_L), 32));
    expect(verdict(a, msg, bad)).toBe(false);
  });

  it('cofactorless: a torsion component in R or A is rejected unless the exact equation holds', () => {
    const seed = new Uint8Array(32).fill(9);
    const { scalar: x } = ed25519.utils.getExtendedPublicKey(seed);
    const A = Point.BASE.multiply(x);
    const r = 12345n;
    // (i) R' = [r]B + T, S = r + k·x: the cofactored equation holds, the cofactorless one does not.
    const R1 = Point.BASE.multiply(r).add(TORSION8);
    const s1 = mod(r + kOf(R1.toBytes(), A.toBytes(), msg) * x, ED25519_L);
    expect(ed25519.verify(sigOf(R1, s1), msg, A.toBytes(), { zip215: false })).toBe(true);
    expect(verdict(A.toBytes(), msg, sigOf(R1, s1))).toBe(false);
    // (ii) mixed-order A' = [x]B + T: S = r + k·x only works when k·T = 0, i.e. k ≡ 0 (mod 8).
    const A2 = A.add(TORSION8);
    let seen = { accepted: 0, rejected: 0 };
    for (let i = 0; i < 64; i++) {
      const m = Uint8Array.of(i);
      const R = Point.BASE.multiply(r + BigInt(i));
      const k = kOf(R.toBytes(), A2.toBytes(), m);
      const sg = sigOf(R, mod(r + BigInt(i) + k * x, ED25519_L));
      expect(ed25519.verify(sg, m, A2.toBytes(), { zip215: false })).toBe(true);
      const ok = verdict(A2.toBytes(), m, sg);
      expect(ok).toBe(k % 8n === 0n);
      seen = ok ? { ...seen, accepted: seen.accepted + 1 } : { ...seen, rejected: seen.rejected + 1 };
    }
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.rejected).toBeGreaterThan(0);
  });
});

describe('Ed25519 timings', () => {
  it('measures sign and verify for both backends', () => {
    const seed = new Uint8Array(32).fill(1);
    const msg = new Uint8Array(200).fill(2);
    const pk = ed25519Pure.publicKeyFromSecret(seed);
    const sig = ed25519Pure.sign(seed, msg);
    const time = (n: number, f: () => unknown): number => {
      for (let i = 0; i < 5; i++) f();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) f();
      return (performance.now() - t0) / n;
    };
    const lines: string[] = [];
    for (const ed of BACKENDS) {
      const n = ed.backend === 'noble' ? 100 : 1000;
      const s = time(n, () => ed.sign(seed, msg));
      const v = time(n, () => ed.verify(pk, msg, sig));
      lines.push(`${ed.backend}: sign ${s.toFixed(3)} ms, verify ${v.toFixed(3)} ms`);
    }
    console.log(lines.join('\n'));
  });
});

describe.skipIf(ed25519Native === ed25519OpenSsl)('Ed25519 verification on the native addon', () => {
  it('is the one in use (it passed its known-answer test at load)', () => {
    expect(ed25519Native.backend).toBe('node-sodium');
  });

  it('agrees with OpenSSL and noble on signatures over random messages with torsion-shifted R and A', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 7 }),
        (seed, msg, tr, ta) => {
          const { publicKey, signature } = torsionSigned(seed, msg, tr, ta);
          verdict(publicKey, msg, signature);
        },
      ),
      { numRuns: 200 },
    );
  });
});
