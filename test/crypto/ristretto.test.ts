/**
 * ristretto255 backends: RFC 9496 Appendix A vectors, the shared group compliance suite on the noble,
 * libsodium WebAssembly and native libsodium backends, and cross-checks of both libsodium backends
 * against noble.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/crypto/bytes.js';
import type { Group } from '../../src/crypto/group/group.js';
import { nobleRistretto } from '../../src/crypto/group/ristretto/noble.js';
import {
  loadFastRistretto,
  loadNativeRistretto,
  loadWasmRistretto,
  nativeRistrettoUnavailableReason,
} from '../../src/crypto/node/ristretto.js';
import { unwrap } from '../../src/crypto/result.js';
import { crossCheckGroups, describeGroupCompliance } from './group-compliance.js';

/** RFC 9496 Appendix A.1: encodings of 0·B, 1·B, …, 15·B. */
const MULTIPLES_OF_B = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
  '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919',
  '94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259',
  'da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57',
  'e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e',
  'f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403',
  '44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d',
  '903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c',
  '02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031',
  '20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f',
  'bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42',
  'e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460',
  'aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f',
  '46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e',
  'e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e',
];

/** RFC 9496 Appendix A.2: encodings every implementation must reject, by reason. */
const RFC_INVALID: readonly (readonly [string, readonly string[]])[] = [
  [
    'non-canonical field encoding',
    [
      '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
      'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ],
  ],
  [
    'negative field element',
    [
      '0100000000000000000000000000000000000000000000000000000000000000',
      '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20',
      'c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562',
      'c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78',
      '47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24',
      'f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72',
      '87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309',
    ],
  ],
  [
    'non-square x²',
    [
      '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
      '4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f',
      'de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b',
      'bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042',
      '2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08',
      'f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22',
      '8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731',
      '2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b',
    ],
  ],
  [
    'negative x·y',
    [
      '3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e',
      'a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220',
      'd483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e',
      '8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32',
      '32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b',
      '227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165',
      '5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e',
      '445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b',
    ],
  ],
  ['s = −1, which gives y = 0', ['ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f']],
];

const bytesOf = (hex: string): Uint8Array => unwrap(fromHex(hex));

/** Valid encodings with the 256th bit set: non-canonical (s ≥ 2²⁵⁵), yet accepted by libsodium 1.0.18. */
const TOP_BIT_SET = MULTIPLES_OF_B.slice(0, 4).map((hex): readonly [string, Uint8Array] => {
  const b = bytesOf(hex);
  b[31]! |= 0x80;
  return [`${hex.slice(0, 8)}… with the top bit set`, b];
});

const INVALID_ENCODINGS: readonly (readonly [string, Uint8Array])[] = [
  ...RFC_INVALID.flatMap(([why, list]) =>
    list.map((hex): readonly [string, Uint8Array] => [why, bytesOf(hex)]),
  ),
  ...TOP_BIT_SET,
];

const loadNoble = async (): Promise<Group<unknown>> => nobleRistretto();
const native = loadNativeRistretto();
if (!native) {
  console.warn(
    `\n*** native libsodium ristretto255 backend NOT TESTED: ${nativeRistrettoUnavailableReason()}\n` +
      '*** install libsodium-dev and run `node scripts/build-native.mjs`.\n',
  );
}
const loadNative = async (): Promise<Group<Uint8Array>> => {
  if (!native) throw new Error('native backend unavailable');
  return native;
};

/** Backends under test; native is skipped (loudly, above) when the addon is not built. */
const BACKENDS: readonly (readonly [string, () => Promise<Group<unknown>>, boolean])[] = [
  ['noble', loadNoble, true],
  ['sodium-wasm', loadWasmRistretto, true],
  ['sodium-native', loadNative, native !== undefined],
];

for (const [label, load, available] of BACKENDS) {
  describe.skipIf(!available)(`ristretto255 ${label}: RFC 9496 Appendix A`, () => {
    it('encodes the multiples 0·B … 15·B as published (expG, exp, repeated op)', async () => {
      const G = await load();
      let acc = G.identity;
      MULTIPLES_OF_B.forEach((hex, i) => {
        expect(toHex(G.encode(G.expG(BigInt(i)))), `${i}·B`).toBe(hex);
        expect(toHex(G.encode(G.exp(G.g, BigInt(i)))), `${i}·B`).toBe(hex);
        expect(toHex(G.encode(acc)), `${i}·B`).toBe(hex);
        const decoded = G.decode(bytesOf(hex));
        expect(decoded.ok).toBe(true);
        if (decoded.ok) expect(toHex(G.encode(decoded.value))).toBe(hex);
        acc = G.op(acc, G.g);
      });
    });

    it('rejects every published invalid encoding (and top-bit-set ones) with ELEMENT_INVALID', async () => {
      const G = await load();
      for (const [why, bytes] of INVALID_ENCODINGS) {
        const r = G.decode(bytes);
        expect(r.ok, `${why}: ${toHex(bytes)}`).toBe(false);
        if (!r.ok) expect(r.code).toBe('ELEMENT_INVALID');
      }
    });
  });

  describe.skipIf(!available)(`ristretto255 ${label}`, () => {
    describeGroupCompliance(label, load, {
      numRuns: label === 'noble' ? 10 : 20,
      invalidEncodings: INVALID_ENCODINGS,
    });
  });
}

crossCheckGroups('ristretto255 sodium-wasm vs noble', loadWasmRistretto, loadNoble, { numRuns: 20 });
describe.skipIf(!native)('ristretto255 native', () => {
  crossCheckGroups('ristretto255 sodium-native vs noble', loadNative, loadNoble, { numRuns: 30 });

  it('refuses out-of-range scalars as a programming error', () => {
    const G = native!;
    expect(() => G.exp(G.g, G.q)).toThrow(RangeError);
    expect(() => G.expG(-1n)).toThrow(RangeError);
    expect(() => G.multiExp([G.g], [2n ** 256n])).toThrow(RangeError);
  });

  it('runs multiExp in variable time once its load-time self-test passed', () => {
    const addon = createRequire(import.meta.url)('../../native/build/Release/pnyx_sodium.node') as {
      vartimeMultiExp: boolean;
    };
    expect(addon.vartimeMultiExp).toBe(true);
  });

  it('agrees with noble on multiExp of every shape: base point, identity, repeats, edge scalars, long sums', async () => {
    const G = native!;
    const R = nobleRistretto();
    const edge = [0n, 1n, 2n, 15n, 16n, 17n, G.q - 1n, G.q - 2n, (G.q - 1n) / 2n, 2n ** 252n];
    const scalar = fc.oneof(fc.constantFrom(...edge), fc.bigInt({ min: 0n, max: G.q - 1n }));
    // A base: 0 the base point, 1 the identity, 2 a repeat of an earlier base, 3 a fresh point.
    const term = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.bigInt({ min: 1n, max: G.q - 1n }), scalar);
    fc.assert(
      fc.property(fc.array(term, { minLength: 0, maxLength: 20 }), (terms) => {
        const logs: bigint[] = [];
        for (const [kind, fresh] of terms) {
          const earlier = logs.length > 0 ? logs[Number(fresh % BigInt(logs.length))]! : 1n;
          logs.push(kind === 0 ? 1n : kind === 1 ? 0n : kind === 2 ? earlier : fresh);
        }
        const ks = terms.map(([, , k]) => k);
        const got = G.multiExp(
          logs.map((x) => G.expG(x)),
          ks,
        );
        const want = logs.reduce((acc, x, i) => R.op(acc, R.expG((x * ks[i]!) % G.q)), R.identity);
        expect(toHex(G.encode(got))).toBe(toHex(R.encode(want)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadFastRistretto', () => {
  it('chooses native when built, else WebAssembly', async () => {
    const G = await loadFastRistretto();
    expect(G.backend).toBe(native ? 'sodium-native' : 'sodium-wasm');
    expect(toHex(G.encode(G.expG(2n)))).toBe(MULTIPLES_OF_B[2]);
  });
});
