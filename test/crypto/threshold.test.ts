import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Ciphertext, encrypt } from '../../src/crypto/elgamal.js';
import type { Group } from '../../src/crypto/group/group.js';
import { pureModp } from '../../src/crypto/group/modp/index.js';
import { nobleRistretto } from '../../src/crypto/group/ristretto/noble.js';
import { unwrap } from '../../src/crypto/result.js';
import {
  announcementFromJson,
  announcementToJson,
  checkAnnouncement,
  createAnnouncement,
  type TrusteeAnnouncement,
  type TrusteeSecrets,
} from '../../src/crypto/threshold/announcement.js';
import { combinePartials, combineProduct, decryptWithCombined } from '../../src/crypto/threshold/combine.js';
import {
  checkShareComplaint,
  createShareComplaint,
  shareComplaintFromJson,
  shareComplaintToJson,
} from '../../src/crypto/threshold/complaint.js';
import { jointPublicKey, verificationKey } from '../../src/crypto/threshold/feldman.js';
import {
  checkTrusteeKey,
  createTrusteeKey,
  productPublicKey,
  trusteeKeyFromJson,
  trusteeKeyToJson,
} from '../../src/crypto/threshold/n-of-n.js';
import {
  checkPartialDecryption,
  type PartialDecryption,
  partialDecrypt,
  partialDecryptionFromJson,
  partialDecryptionToJson,
} from '../../src/crypto/threshold/partial.js';
import {
  combineShares,
  dealShares,
  type EncryptedShare,
  encryptedShareFromJson,
  encryptedShareToJson,
  ownShare,
  receiveShare,
} from '../../src/crypto/threshold/share-encryption.js';
import { CTX, mutatedContexts, seededRng } from './proofs-fixtures.js';

/** All k-element subsets of [1, n]. */
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  return [...subsets(n - 1, k), ...subsets(n - 1, k - 1).map((s) => [...s, n])];
}

interface Ceremony<E> {
  secrets: TrusteeSecrets[];
  announcements: TrusteeAnnouncement<E>[];
  shares: EncryptedShare<E>[];
  x: bigint[]; // x[l-1]
  pk: E;
}

function runCeremony<E>(G: Group<E>, n: number, k: number, seed: string): Ceremony<E> {
  const rng = seededRng(seed);
  const made = Array.from({ length: n }, (_, i) => createAnnouncement(G, CTX, { n, k }, i + 1, rng));
  const announcements = made.map((m) => m.announcement);
  for (const a of announcements)
    expect(checkAnnouncement(G, CTX, { n, k }, a)).toEqual({ ok: true, value: true });
  const secrets = made.map((m) => m.secrets);
  const shares = secrets.flatMap((s) => dealShares(G, CTX, s, announcements, rng));
  expect(shares.length).toBe(n * (n - 1));
  const x = secrets.map((s) => {
    const received = shares
      .filter((sh) => sh.to === s.trustee)
      .map((sh) =>
        unwrap(receiveShare(G, CTX, sh, s.shareKeySecret, announcements[sh.from - 1]!.commitments)),
      );
    return combineShares(G, [ownShare(G, s), ...received]);
  });
  return {
    secrets,
    announcements,
    shares,
    x,
    pk: jointPublicKey(
      G,
      announcements.map((a) => a.commitments),
    ),
  };
}

function suite<E>(G: Group<E>): void {
  describe(`threshold over ${G.name} (${G.backend})`, () => {
    test('k-of-n for n = 3..5 and every k: every k-subset decrypts, fewer do not', () => {
      for (let n = 3; n <= 5; n++) {
        for (let k = 1; k <= n; k++) {
          const c = runCeremony(G, n, k, `ceremony-${n}-${k}`);
          const dealers = c.announcements.map((a) => a.commitments);
          // pk = g^(Σ a_(i,0)) and VK_l = g^(x_l) from public data only.
          const a0 = c.secrets.reduce((s, t) => (s + t.coefficients[0]!) % G.q, 0n);
          expect(G.eq(c.pk, G.expG(a0))).toBe(true);
          for (let l = 1; l <= n; l++)
            expect(G.eq(verificationKey(G, dealers, l), G.expG(c.x[l - 1]!))).toBe(true);
          const rng = seededRng(`enc-${n}-${k}`);
          const m = BigInt(n * 10 + k);
          const ct: Ciphertext<E> = encrypt(G, c.pk, m, G.randomScalar(rng));
          const partials = c.x.map((x, i) => partialDecrypt(G, CTX, ct, i + 1, x, rng));
          for (const pd of partials)
            expect(checkPartialDecryption(G, CTX, ct, verificationKey(G, dealers, pd.trustee), pd).ok).toBe(
              true,
            );
          for (const S of subsets(n, k)) {
            const ax = unwrap(
              combinePartials(
                G,
                S.map((l) => partials[l - 1]!),
                k,
              ),
            );
            expect(G.eq(decryptWithCombined(G, ct, ax), G.expG(m))).toBe(true);
          }
          // Any superset works too; a set smaller than k is refused.
          const all = unwrap(combinePartials(G, partials, k));
          expect(G.eq(decryptWithCombined(G, ct, all), G.expG(m))).toBe(true);
          if (k > 1) {
            expect(combinePartials(G, partials.slice(0, k - 1), k)).toMatchObject({
              code: 'DECRYPTION_INVALID',
            });
            // Interpolating k−1 shares gives a wrong value.
            const wrong = unwrap(combinePartials(G, partials.slice(0, k - 1), k - 1));
            expect(G.eq(decryptWithCombined(G, ct, wrong), G.expG(m))).toBe(false);
          }
          expect(combinePartials(G, [partials[0]!, partials[0]!], 1)).toMatchObject({
            code: 'DECRYPTION_INVALID',
          });
        }
      }
    });

    test('any k of n (random n ≤ 7, k, subset and message)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 7 }).chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 1, max: n }),
              fc.shuffledSubarray(
                Array.from({ length: n }, (_, i) => i + 1),
                { minLength: 1 },
              ),
            ),
          ),
          fc.bigInt({ min: 0n, max: 1000n }),
          ([n, k, S], m) => {
            const c = runCeremony(G, n, k, `any-${n}-${k}-${S.join('.')}`);
            const rng = seededRng(`m-${m}`);
            const ct = encrypt(G, c.pk, m, G.randomScalar(rng));
            const partials = S.map((l) => partialDecrypt(G, CTX, ct, l, c.x[l - 1]!, rng));
            const ax = combinePartials(G, partials, k);
            if (S.length < k) expect(ax.ok).toBe(false);
            else expect(G.eq(decryptWithCombined(G, ct, unwrap(ax)), G.expG(m))).toBe(true);
          },
        ),
        { numRuns: 6 },
      );
    });

    test('a bad share is caught and its complaint is justified; honest shares make unfounded complaints', () => {
      const n = 3;
      const k = 2;
      const c = runCeremony(G, n, k, 'complaints');
      const rng = seededRng('complaint-rng');
      const honest = c.shares.find((s) => s.from === 1 && s.to === 2)!;
      const bad: EncryptedShare<E> = { ...honest, e: (honest.e + 1n) % G.q };
      const y2 = c.secrets[1]!.shareKeySecret;
      const X2 = c.announcements[1]!.shareKey;
      const C1 = c.announcements[0]!.commitments;
      expect(receiveShare(G, CTX, bad, y2, C1)).toMatchObject({ ok: false, code: 'SHARE_INVALID' });
      const complaint = createShareComplaint(G, CTX, bad, y2, rng);
      expect(checkShareComplaint(G, CTX, complaint, bad, X2, C1)).toEqual({ ok: true, value: true });
      // Complaining about a correct share is unfounded.
      const unfounded = createShareComplaint(G, CTX, honest, y2, rng);
      expect(checkShareComplaint(G, CTX, unfounded, honest, X2, C1)).toEqual({ ok: true, value: false });
      // Forged evidence: wrong K, wrong key, wrong proof, wrong context, wrong share.
      const fails = [
        checkShareComplaint(G, CTX, { ...complaint, K: G.op(complaint.K, G.g) }, bad, X2, C1),
        checkShareComplaint(G, CTX, complaint, bad, c.announcements[2]!.shareKey, C1),
        checkShareComplaint(
          G,
          CTX,
          { ...complaint, proof: { ...complaint.proof, f: (complaint.proof.f + 1n) % G.q } },
          bad,
          X2,
          C1,
        ),
        checkShareComplaint(
          G,
          CTX,
          { ...complaint, proof: { ...complaint.proof, c: (complaint.proof.c + 1n) % G.q } },
          bad,
          X2,
          C1,
        ),
        checkShareComplaint(G, CTX, complaint, { ...bad, R: G.op(bad.R, G.g) }, X2, C1),
        ...mutatedContexts(CTX).map((ctx) => checkShareComplaint(G, ctx, complaint, bad, X2, C1)),
      ];
      for (const r of fails) expect(r).toMatchObject({ ok: false, code: 'PROOF_INVALID' });
      const elsewhere = c.shares.find((s) => s.from === 3 && s.to === 2)!;
      expect(checkShareComplaint(G, CTX, complaint, elsewhere, X2, C1)).toMatchObject({
        code: 'PARAMETER_INVALID',
      });
      // JSON round trips.
      const cj = unwrap(shareComplaintFromJson(G, shareComplaintToJson(G, complaint)));
      expect(checkShareComplaint(G, CTX, cj, bad, X2, C1)).toEqual({ ok: true, value: true });
      const sj = unwrap(encryptedShareFromJson(G, encryptedShareToJson(G, bad)));
      expect(sj.e).toBe(bad.e);
      expect(encryptedShareFromJson(G, { ...encryptedShareToJson(G, bad), to: 1 }).ok).toBe(false);
      expect(encryptedShareFromJson(G, { ...encryptedShareToJson(G, bad), x: 1 }).ok).toBe(false);
      expect(shareComplaintFromJson(G, { ...shareComplaintToJson(G, complaint), from: 0 }).ok).toBe(false);
    });

    test('a wrong partial decryption fails its proof', () => {
      const c = runCeremony(G, 3, 2, 'partials');
      const dealers = c.announcements.map((a) => a.commitments);
      const rng = seededRng('partials-rng');
      const ct = encrypt(G, c.pk, 5n, G.randomScalar(rng));
      const VK1 = verificationKey(G, dealers, 1);
      const pd = partialDecrypt(G, CTX, ct, 1, c.x[0]!, rng);
      const bad: PartialDecryption<E>[] = [
        { ...pd, D: G.op(pd.D, G.g) },
        { ...pd, trustee: 2 },
        { ...pd, proof: { ...pd.proof, c: (pd.proof.c + 1n) % G.q } },
        { ...pd, proof: { ...pd.proof, f: (pd.proof.f + 1n) % G.q } },
        partialDecrypt(G, CTX, ct, 1, (c.x[0]! + 1n) % G.q, rng),
      ];
      for (const b of bad)
        expect(checkPartialDecryption(G, CTX, ct, VK1, b)).toMatchObject({
          ok: false,
          code: 'PROOF_INVALID',
        });
      expect(checkPartialDecryption(G, CTX, ct, verificationKey(G, dealers, 2), pd).ok).toBe(false);
      expect(checkPartialDecryption(G, CTX, { a: G.op(ct.a, G.g), b: ct.b }, VK1, pd).ok).toBe(false);
      for (const ctx of mutatedContexts(CTX))
        expect(checkPartialDecryption(G, ctx, ct, VK1, pd).ok).toBe(false);
      const back = unwrap(partialDecryptionFromJson(G, partialDecryptionToJson(G, pd)));
      expect(checkPartialDecryption(G, CTX, ct, VK1, back).ok).toBe(true);
      const j = partialDecryptionToJson(G, pd);
      for (const v of [
        { ...j, trustee: 0 },
        { ...j, extra: 1 },
        { trustee: 1, D: j.D },
        { ...j, D: 'zz' },
      ])
        expect(partialDecryptionFromJson(G, v).ok).toBe(false);
    });

    test('announcements: checks and strict JSON', () => {
      const rng = seededRng('announce');
      const { announcement: a } = createAnnouncement(G, CTX, { n: 3, k: 2 }, 2, rng);
      const params = { n: 3, k: 2 };
      expect(
        checkAnnouncement(G, CTX, params, unwrap(announcementFromJson(G, announcementToJson(G, a)))).ok,
      ).toBe(true);
      const bad: [TrusteeAnnouncement<E>, string][] = [
        [{ ...a, trustee: 1 }, 'PROOF_INVALID'],
        [{ ...a, trustee: 4 }, 'PARAMETER_INVALID'],
        [{ ...a, commitments: [a.commitments[0]!] }, 'PARAMETER_INVALID'],
        [{ ...a, commitments: [...a.commitments].reverse() }, 'PROOF_INVALID'],
        [{ ...a, shareKey: G.op(a.shareKey, G.g) }, 'PROOF_INVALID'],
        [{ ...a, shareKey: G.identity }, 'KEY_INVALID'],
        [{ ...a, shareKeyProof: a.commitmentProof }, 'PROOF_INVALID'],
        [{ ...a, commitmentProof: a.shareKeyProof }, 'PROOF_INVALID'],
      ];
      for (const [b, code] of bad)
        expect(checkAnnouncement(G, CTX, params, b)).toMatchObject({ ok: false, code });
      for (const ctx of mutatedContexts(CTX)) expect(checkAnnouncement(G, ctx, params, a).ok).toBe(false);
      expect(checkAnnouncement(G, CTX, { n: 3, k: 4 }, a)).toMatchObject({ code: 'PARAMETER_INVALID' });
      const j = announcementToJson(G, a);
      for (const v of [
        { ...j, commitments: [] },
        { ...j, trustee: '2' },
        { ...j, x: 0 },
        { ...j, commitments: 'x' },
      ])
        expect(announcementFromJson(G, v).ok).toBe(false);
    });

    test('n-of-n: product key, partials checked against each pk_i, product combination', () => {
      const rng = seededRng('n-of-n');
      const keys = [1, 2, 3, 4].map((i) => createTrusteeKey(G, CTX, i, rng));
      for (const k of keys)
        expect(
          checkTrusteeKey(G, CTX, unwrap(trusteeKeyFromJson(G, trusteeKeyToJson(G, k.publicKey)))).ok,
        ).toBe(true);
      expect(checkTrusteeKey(G, CTX, { ...keys[0]!.publicKey, trustee: 2 }).ok).toBe(false);
      expect(checkTrusteeKey(G, CTX, { ...keys[0]!.publicKey, pk: G.identity })).toMatchObject({
        code: 'KEY_INVALID',
      });
      const pk = productPublicKey(
        G,
        keys.map((k) => k.publicKey),
      );
      const ct = encrypt(G, pk, 42n, G.randomScalar(rng));
      const partials = keys.map((k) => partialDecrypt(G, CTX, ct, k.publicKey.trustee, k.sk, rng));
      partials.forEach((pd, i) => {
        expect(checkPartialDecryption(G, CTX, ct, keys[i]!.publicKey.pk, pd).ok).toBe(true);
        expect(checkPartialDecryption(G, CTX, ct, keys[(i + 1) % 4]!.publicKey.pk, pd).ok).toBe(false);
      });
      expect(G.eq(decryptWithCombined(G, ct, unwrap(combineProduct(G, partials))), G.expG(42n))).toBe(true);
      expect(
        G.eq(decryptWithCombined(G, ct, unwrap(combineProduct(G, partials.slice(1)))), G.expG(42n)),
      ).toBe(false);
    });
  });
}

suite(nobleRistretto());
suite(pureModp('modp-test64'));
