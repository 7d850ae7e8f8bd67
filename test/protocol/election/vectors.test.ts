/**
 * Frozen values of the election formats: a change to any encoding, domain or hash input shows up here.
 * The definition is read from golden/election.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.js';
import { canonicalJson, parseJson } from '../../../src/crypto/encoding/canonical-json.js';
import { unwrap } from '../../../src/crypto/result.js';
import { ballotBinding } from '../../../src/protocol/cast/binding.js';
import { checkReceipt, createReceipt, receiptToJson } from '../../../src/protocol/cast/receipt.js';
import { electionFingerprint } from '../../../src/protocol/election/fingerprint.js';
import { readElection } from '../../../src/protocol/election/read.js';
import { rollEntryCommitment } from '../../../src/protocol/election/roll.js';
import { electionToJson } from '../../../src/protocol/election/write.js';
import { tokenMessage } from '../../../src/protocol/eligibility/token.js';
import { BOXES, ed } from './fixtures.js';

const json = unwrap(parseJson(readFileSync(new URL('./golden/election.json', import.meta.url), 'utf8')));
const election = unwrap(readElection(json));
const FP = '1aba63fe2236a28b8a22bdf5d866af212bbb4f1d63b7b8be8a2fe40680d546d2';

describe('frozen election formats', () => {
  it('reads the golden definition and writes back the same canonical bytes', () => {
    expect(canonicalJson(electionToJson(election))).toBe(canonicalJson(json));
  });

  it('fingerprint', () => {
    expect(electionFingerprint(election)).toBe(FP);
  });

  it('ballot binding, roll entry and token message', () => {
    expect(ballotBinding('01'.repeat(32), '02'.repeat(32))).toBe(
      '1314938db53aff7133a54c3d0089c6cfc17fcc1eb5750d39bb2ab212765aa424',
    );
    expect(rollEntryCommitment('ana', '00'.repeat(32))).toBe(
      '5e189f61a93d56ed1f67d38f9f09f89fc8e3314beaaa183788d17f8ddad5c320',
    );
    // utf8("pnyx/v1/voting-token") ‖ fingerprint ‖ voting key.
    expect(toHex(tokenMessage(FP, '01'.repeat(32)))).toBe(
      `${toHex(new TextEncoder().encode('pnyx/v1/voting-token'))}${FP}${'01'.repeat(32)}`,
    );
  });

  it('receipt signature (Ed25519 is deterministic)', () => {
    const r = receiptToJson(
      createReceipt(ed, BOXES[0]!.secretKey, {
        tracker: 'ab'.repeat(32),
        box: 'box-a',
        received_at: 1800000000000,
      }),
    );
    expect(r.sig).toBe(
      '3d21415be52edcf877169f7598bb1f2fccba807cba7d386699492c5df03437b40646b8c6d78d7bcd316dd622d1ea570c0e5f24f450dbf566ff86cf27d36b2f09',
    );
    expect(checkReceipt(ed, election, r).ok).toBe(true);
  });
});
