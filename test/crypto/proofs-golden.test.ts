/**
 * Golden files: the JSON encodings of one proof of each kind, made with a seeded rng. Any change of
 * encoding, hash input, tag or label layout changes these bytes and fails this test. Regenerate (only
 * for an intended, documented format change) with `UPDATE_GOLDEN=1 npx vitest run test/crypto/proofs-golden.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ciphertextFromJson, ciphertextToJson, encrypt } from '../../src/crypto/elgamal.js';
import { canonicalJson, type JsonObject, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import type { Group } from '../../src/crypto/group/group.js';
import { pureModp } from '../../src/crypto/group/modp/index.js';
import { nobleRistretto } from '../../src/crypto/group/ristretto/noble.js';
import { opensslModp } from '../../src/crypto/node/modp.js';
import { loadNativeRistretto, loadWasmRistretto } from '../../src/crypto/node/ristretto.js';
import {
  chaumPedersenProofFromJson,
  chaumPedersenProofToJson,
  proveEqualLogs,
  verifyEqualLogs,
} from '../../src/crypto/proofs/chaum-pedersen.js';
import {
  courseBallotToJson,
  decFactorToJson,
  pkPokToJson,
  proveCourseBallot,
  proveDecFactor,
  provePkPok,
  verifyCourseBallot,
  verifyDecFactor,
  verifyPkPok,
} from '../../src/crypto/proofs/course.js';
import {
  proveRange,
  rangeProofFromJson,
  rangeProofToJson,
  verifyRange,
} from '../../src/crypto/proofs/range.js';
import {
  proveSchnorr,
  schnorrProofFromJson,
  schnorrProofToJson,
  verifySchnorr,
} from '../../src/crypto/proofs/schnorr.js';
import {
  proveZeroOne,
  verifyZeroOne,
  zeroOneProofFromJson,
  zeroOneProofToJson,
} from '../../src/crypto/proofs/zero-one.js';
import { unwrap } from '../../src/crypto/result.js';
import {
  announcementFromJson,
  announcementToJson,
  checkAnnouncement,
  createAnnouncement,
} from '../../src/crypto/threshold/announcement.js';
import {
  checkShareComplaint,
  createShareComplaint,
  shareComplaintFromJson,
  shareComplaintToJson,
} from '../../src/crypto/threshold/complaint.js';
import {
  checkTrusteeKey,
  createTrusteeKey,
  trusteeKeyFromJson,
  trusteeKeyToJson,
} from '../../src/crypto/threshold/n-of-n.js';
import {
  checkPartialDecryption,
  partialDecrypt,
  partialDecryptionFromJson,
  partialDecryptionToJson,
} from '../../src/crypto/threshold/partial.js';
import {
  dealShares,
  encryptedShareFromJson,
  encryptedShareToJson,
} from '../../src/crypto/threshold/share-encryption.js';
import { CTX, seededRng } from './proofs-fixtures.js';

/** Makes every kind of object from one seeded rng. */
function make<E>(G: Group<E>): JsonObject {
  const rng = seededRng(`golden-${G.name}`);
  const x = G.randomScalar(rng);
  const pk = G.expG(x);
  const r = G.randomScalar(rng);
  const ct = encrypt(G, pk, 1n, r);
  const h = G.expG(G.randomScalar(rng));
  const st = { g1: G.g, h1: pk, g2: h, h2: G.exp(h, x) };
  const { secrets, announcement } = createAnnouncement(G, CTX, { n: 2, k: 2 }, 1, rng);
  const other = createAnnouncement(G, CTX, { n: 2, k: 2 }, 2, rng);
  const [share] = dealShares(G, CTX, secrets, [announcement, other.announcement], rng);
  const out: JsonObject = {
    group: G.name,
    context: { fingerprint: CTX.fingerprint, label: CTX.label ?? null },
    pk: G.toJson(pk),
    ct: ciphertextToJson(G, ct),
    h: G.toJson(h),
    hx: G.toJson(st.h2),
    schnorr: schnorrProofToJson(G, proveSchnorr(G, CTX, x, rng)),
    chaum_pedersen: chaumPedersenProofToJson(G, proveEqualLogs(G, CTX, st, x, rng)),
    zero_one: zeroOneProofToJson(G, proveZeroOne(G, CTX, pk, ct, 1, r, rng)),
    range: rangeProofToJson(G, proveRange(G, CTX, pk, ct, 1, r, 0, 2, rng)),
    announcement: announcementToJson(G, announcement),
    recipient: announcementToJson(G, other.announcement),
    encrypted_share: encryptedShareToJson(G, share!),
    complaint: shareComplaintToJson(
      G,
      createShareComplaint(G, CTX, share!, other.secrets.shareKeySecret, rng),
    ),
    partial_decryption: partialDecryptionToJson(G, partialDecrypt(G, CTX, ct, 1, x, rng)),
    trustee_key: trusteeKeyToJson(G, createTrusteeKey(G, CTX, 3, rng).publicKey),
  };
  if (G.name.startsWith('modp')) {
    out.course_tallier_key = pkPokToJson(G, provePkPok(G, x, rng));
    out.course_ballot = courseBallotToJson(G, proveCourseBallot(G, pk, 0, G.randomScalar(rng), rng));
    out.course_dec_factor = decFactorToJson(G, proveDecFactor(G, x, ct.a, rng));
  }
  return out;
}

/** Every stored object decodes and verifies. */
function verifyStored<E>(G: Group<E>, j: JsonObject): void {
  const pk = unwrap(G.fromJson(j.pk));
  const h = unwrap(G.fromJson(j.h));
  const ct = unwrap(ciphertextFromJson(G, j.ct));
  const ok = { ok: true, value: true };
  expect(verifySchnorr(G, CTX, pk, unwrap(schnorrProofFromJson(G, j.schnorr)))).toEqual(ok);
  const hx = unwrap(G.fromJson(j.hx));
  const cp = unwrap(chaumPedersenProofFromJson(G, j.chaum_pedersen));
  expect(verifyEqualLogs(G, CTX, { g1: G.g, h1: pk, g2: h, h2: hx }, cp)).toEqual(ok);
  expect(verifyZeroOne(G, CTX, pk, ct, unwrap(zeroOneProofFromJson(G, j.zero_one)))).toEqual(ok);
  expect(verifyRange(G, CTX, pk, ct, 0, 2, unwrap(rangeProofFromJson(G, j.range)))).toEqual(ok);
  const ann = unwrap(announcementFromJson(G, j.announcement));
  const rec = unwrap(announcementFromJson(G, j.recipient));
  expect(checkAnnouncement(G, CTX, { n: 2, k: 2 }, ann)).toEqual(ok);
  expect(checkAnnouncement(G, CTX, { n: 2, k: 2 }, rec)).toEqual(ok);
  const share = unwrap(encryptedShareFromJson(G, j.encrypted_share));
  const complaint = unwrap(shareComplaintFromJson(G, j.complaint));
  expect(checkShareComplaint(G, CTX, complaint, share, rec.shareKey, ann.commitments)).toEqual({
    ok: true,
    value: false,
  });
  expect(
    checkPartialDecryption(G, CTX, ct, pk, unwrap(partialDecryptionFromJson(G, j.partial_decryption))),
  ).toEqual(ok);
  expect(checkTrusteeKey(G, CTX, unwrap(trusteeKeyFromJson(G, j.trustee_key)))).toEqual(ok);
  if (j.course_tallier_key !== undefined) {
    expect(verifyPkPok(G, j.course_tallier_key).ok).toBe(true);
    expect(verifyCourseBallot(G, j.course_ballot, pk).ok).toBe(true);
    expect(verifyDecFactor(G, j.course_dec_factor, { pk, c1: ct.a }).ok).toBe(true);
  }
}

function golden<E>(G: Group<E>): void {
  test(`golden proofs over ${G.name} (${G.backend})`, () => {
    const path = new URL(`../golden/proofs/${G.name}.json`, import.meta.url);
    const made = make(G);
    const text = `${canonicalJson(made)}\n`;
    // Only the reference backends write; the fast ones must reproduce the same bytes.
    const reference = G.backend === 'noble' || G.backend === 'bigint';
    if (process.env.UPDATE_GOLDEN === '1' && reference) writeFileSync(path, text);
    const stored = readFileSync(path, 'utf8');
    expect(text).toBe(stored);
    verifyStored(G, unwrap(parseJson(stored)) as JsonObject);
  });
}

describe('golden proof encodings', () => {
  golden(nobleRistretto());
  golden(pureModp('modp-test64'));
});

describe('golden proof encodings on the fast backends (same bytes)', async () => {
  const native = loadNativeRistretto();
  if (native !== undefined) golden(native);
  golden(await loadWasmRistretto());
  golden(opensslModp('modp-test64'));
});
