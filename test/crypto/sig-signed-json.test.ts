import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/crypto/bytes.js';
import type { JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import { ed25519Native } from '../../src/crypto/node/ed25519-native.js';
import { unwrap } from '../../src/crypto/result.js';
import { ed25519Pure, isValidPublicKey } from '../../src/crypto/sig/ed25519.js';
import { signingBytes, signJson, verifyJson } from '../../src/crypto/sig/signed-json.js';

const BACKENDS = [ed25519Pure, ed25519Native];
// RFC 8032 TEST 1 key pair.
const SK = unwrap(fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
const PK = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const PAYLOAD: JsonValue = { ballotId: 'b-1', n: 2n ** 70n, z: [true, null], é: 'x' };
const GOLDEN_SIG =
  '3681831841629b5ceb5b93d6568af94dbe4bfa939da11d03cc75c2ec07581630dd8c4de516eebba9caceb00296c9faa1a8e61cc3ff8e4a6f829c813eb630c004';

describe('signingBytes', () => {
  it('is the canonical JSON of ["pnyx/v1/" + domain, payload]', () => {
    expect(new TextDecoder().decode(signingBytes('receipt', PAYLOAD))).toBe(
      '["pnyx/v1/receipt",{"ballotId":"b-1","n":1180591620717411303424,"z":[true,null],"é":"x"}]',
    );
  });
  it('does not depend on key order', () => {
    expect(signingBytes('d', { a: 1, b: 2 })).toEqual(signingBytes('d', { b: 2, a: 1 }));
  });
});

describe('signJson / verifyJson', () => {
  it('golden signature (deterministic Ed25519; also checked with Python `cryptography`) for both backends', () => {
    for (const ed of BACKENDS) expect(signJson(ed, SK, 'receipt', PAYLOAD)).toBe(GOLDEN_SIG);
  });

  for (const ed of BACKENDS) {
    it(`${ed.backend}: honest signatures verify; other domain, payload, key or signature fail`, () => {
      const sig = signJson(ed, SK, 'receipt', PAYLOAD);
      expect(verifyJson(ed, PK, 'receipt', PAYLOAD, sig)).toEqual({ ok: true, value: true });
      expect(verifyJson(ed, PK, 'receipt', { ...(PAYLOAD as object), n: 2n ** 70n + 1n }, sig)).toMatchObject(
        {
          ok: false,
          code: 'SIGNATURE_INVALID',
        },
      );
      expect(verifyJson(ed, PK, 'approval', PAYLOAD, sig)).toMatchObject({ code: 'SIGNATURE_INVALID' });
      const otherPk = toHex(ed.publicKeyFromSecret(new Uint8Array(32).fill(1)));
      expect(verifyJson(ed, otherPk, 'receipt', PAYLOAD, sig)).toMatchObject({ code: 'SIGNATURE_INVALID' });
      const flipped = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
      expect(verifyJson(ed, PK, 'receipt', PAYLOAD, flipped)).toMatchObject({ code: 'SIGNATURE_INVALID' });
    });

    it(`${ed.backend}: bad encodings get KEY_INVALID / ENCODING_INVALID, never a throw`, () => {
      const sig = signJson(ed, SK, 'receipt', PAYLOAD);
      const cases: [string, string, JsonValue, string][] = [
        ['KEY_INVALID', PK.toUpperCase(), PAYLOAD, sig],
        ['KEY_INVALID', PK.slice(2), PAYLOAD, sig],
        ['KEY_INVALID', `${PK}00`, PAYLOAD, sig],
        ['KEY_INVALID', `01${'00'.repeat(31)}`, PAYLOAD, sig], // identity (small order)
        ['KEY_INVALID', `ed${'ff'.repeat(30)}7f`, PAYLOAD, sig], // y = p (non-canonical)
        ['KEY_INVALID', `02${'00'.repeat(31)}`, PAYLOAD, sig], // y = 2 is not on the curve
        ['ENCODING_INVALID', PK, PAYLOAD, sig.toUpperCase()],
        ['ENCODING_INVALID', PK, PAYLOAD, sig.slice(2)],
        ['ENCODING_INVALID', PK, PAYLOAD, `${sig}0`],
        ['ENCODING_INVALID', PK, 1.5, sig],
        ['ENCODING_INVALID', PK, { a: undefined } as unknown as JsonValue, sig],
        ['ENCODING_INVALID', PK, '\ud800', sig],
      ];
      for (const [code, pk, payload, s] of cases) {
        expect(verifyJson(ed, pk, 'receipt', payload, s)).toMatchObject({ ok: false, code });
      }
      expect(verifyJson(ed, 42 as unknown as string, 'receipt', PAYLOAD, sig)).toMatchObject({
        code: 'KEY_INVALID',
      });
      expect(verifyJson(ed, PK, 'receipt', PAYLOAD, null as unknown as string)).toMatchObject({
        code: 'ENCODING_INVALID',
      });
    });
  }

  it('property: sign/verify round trip over arbitrary JSON, exact across backends', () => {
    const json = fc.jsonValue().map((v) => v as JsonValue);
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.string(),
        json,
        (seed, domain, payload) => {
          let ok = true;
          try {
            signingBytes(domain, payload);
          } catch {
            ok = false; // floats and -0 have no canonical form
          }
          fc.pre(ok);
          const pk = toHex(ed25519Pure.publicKeyFromSecret(seed));
          const sig = signJson(ed25519Pure, seed, domain, payload);
          expect(signJson(ed25519Native, seed, domain, payload)).toBe(sig);
          expect(verifyJson(ed25519Native, pk, domain, payload, sig).ok).toBe(true);
          expect(verifyJson(ed25519Pure, pk, `${domain}x`, payload, sig).ok).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('isValidPublicKey accepts real keys and rejects small-order, off-curve and non-canonical ones', () => {
    expect(isValidPublicKey(unwrap(fromHex(PK)))).toBe(true);
    expect(isValidPublicKey(unwrap(fromHex(`01${'00'.repeat(31)}`)))).toBe(false);
    expect(isValidPublicKey(unwrap(fromHex(`02${'00'.repeat(31)}`)))).toBe(false);
    expect(isValidPublicKey(new Uint8Array(31))).toBe(false);
  });
});
