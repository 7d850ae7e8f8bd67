/**
 * The box with the other ballot schemes: ElGamal on modp2048 and Paillier (2048-bit key), keys given as
 * the ledger publishes them (`Group.toJson`, `{"n": …}`); a cast is accepted with a receipt that checks,
 * a bad proof is refused, and the running sum holds the vote.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import { opensslModp } from '../../../src/crypto/node/modp.js';
import { opensslPrime } from '../../../src/crypto/node/openssl-primes.js';
import { generatePaillierKey, publicKeyToJson } from '../../../src/crypto/paillier/keys.js';
import { unwrap } from '../../../src/crypto/result.js';
import { castSpec, loadCastContext } from '../../../src/node/roles/ballot-box/cast-spec.js';
import { checkReceipt } from '../../../src/protocol/cast/receipt.js';
import { buildElection } from '../../../src/protocol/election/build.js';
import type { ElectionDefinition, ElectionScheme } from '../../../src/protocol/election/definition.js';
import { sqliteDb, type TestDb } from '../../store/dialects.js';
import {
  BOX_A,
  badProofCast,
  castBy,
  ed,
  election,
  eligibilityOf,
  json,
  OPENS,
  rng,
  VOTERS,
  vote,
} from './election.js';
import { type BoxHarness, startBox } from './harness.js';

const running: { h: BoxHarness; db: TestDb }[] = [];
afterAll(async () => {
  for (const { h, db } of running) {
    await h.stop();
    await db.cleanup();
  }
});

function withScheme(scheme: ElectionScheme): ElectionDefinition {
  return unwrap(buildElection({ ...election('once'), id: `box-test-${scheme}`, scheme }));
}

const CASES: { scheme: ElectionScheme; key: () => JsonValue }[] = [
  {
    scheme: 'elgamal-modp2048',
    key: () => {
      const G = opensslModp('modp2048');
      return G.toJson(G.expG(G.randomScalar(rng)));
    },
  },
  { scheme: 'paillier', key: () => publicKeyToJson(generatePaillierKey(opensslPrime, 2048).publicKey) },
];

describe.each(CASES)('a box for $scheme', ({ scheme, key }) => {
  it('accepts a cast with a receipt, refuses a bad proof, and sums the vote', async () => {
    const def = withScheme(scheme);
    const keyJson = key();
    const ctx = unwrap(await loadCastContext(castSpec(def, keyJson)));
    const db = sqliteDb();
    const h = await startBox({
      loc: db.loc,
      key: BOX_A,
      election: {
        definition: def,
        key: () => keyJson,
        eligibility: eligibilityOf(def),
        clock: { t: OPENS + 1 },
      },
    });
    running.push({ h, db });
    const c = castBy(ctx, VOTERS[0]!, vote(3, false));
    const receipt = await h.client.boxCast({ body: json(c.cast) });
    expect(checkReceipt(ed, def, receipt, c.tracker).ok).toBe(true);
    await expect(
      h.client.boxCast({ body: badProofCast(ctx, VOTERS[1]!, vote(0, true)) }),
    ).rejects.toMatchObject({
      code: 'PROOF_INVALID',
    });
    const sum = await h.client.boxSum();
    expect(sum.count).toBe(1);
    expect(sum.sum).toHaveLength(2);
  }, 60_000);
});
