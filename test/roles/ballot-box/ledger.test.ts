/**
 * The box against the real election ledger rules: a threshold election on an in-memory authority
 * ledger (the ledger tests' harness), a box whose port mines each offered transaction into a block at
 * once. The honest box's ballot and audit transactions are accepted and land in the ledger state; an
 * altering box's transaction is refused by the `ballot` rule, and the box records the refusal.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { decodeTx } from '../../../src/ledger/authority/tx.js';
import { CastCache, type ElectionEnv } from '../../../src/ledger/election/index.js';
import { pToArray } from '../../../src/ledger/election/plist.js';
import type { PostResult } from '../../../src/node/peer-client.js';
import { eligibilityView } from '../../../src/node/roles/ballot-box/eligibility.js';
import { CHEATING_ACKNOWLEDGEMENT, cheatingBoxFaults } from '../../../src/node/roles/ballot-box/faults.js';
import type { LedgerPort } from '../../../src/node/roles/ballot-box/ledger-port.js';
import type { AuditBody, CastBody } from '../../../src/node/roles/ballot-box/routes.js';
import { createAudit } from '../../../src/protocol/cast/audit.js';
import { castToJson } from '../../../src/protocol/cast/cast.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import {
  BOXES,
  definition,
  ed,
  Harness,
  OPENS,
  plain,
  REGISTRAR,
  runThresholdCeremony,
  VOTERS,
} from '../../ledger/election/harness.js';
import { sqliteDb, type TestDb } from '../../store/dialects.js';
import { seededRng } from '../../support/rng.js';
import { type BoxHarness, ensureBuilt, startBox, until } from './harness.js';

const G = await loadFastRistretto();
const rng = seededRng('ballot-box-ledger');
const dbs: TestDb[] = [];
const boxes: BoxHarness[] = [];
afterAll(async () => {
  for (const b of boxes) await b.stop();
  for (const d of dbs) await d.cleanup();
});

/** A port that mines every offered transaction into its own block, or answers with the ledger's refusal. */
function minedPort(h: Harness): LedgerPort {
  return {
    chain: h.ledger.genesis.id,
    async submitTx(v: JsonValue): Promise<PostResult> {
      const tx = decodeTx(v);
      if (!tx.ok) return tx;
      const allowed = h.attempt(tx.value, h.clock);
      if (!allowed.ok) return allowed;
      const r = await h.block([tx.value], h.clock);
      return r.ok ? { ok: true, status: 'added' } : r;
    },
    async inBlocks(ids) {
      const head = h.ledger.head();
      return new Set(ids.filter((id) => h.ledger.tree.onChain(id, head)));
    },
  };
}

describe('the box against the election ledger rules', () => {
  it('lands ballots and audits on the ledger; an altered ballot is refused', async () => {
    ensureBuilt();
    const env: ElectionEnv = { ed, groups: { ristretto255: G }, cache: new CastCache() };
    const h = await Harness.create(env, definition(), true);
    await runThresholdCeremony(h, G, rng);
    const [ana, ben, cleo] = VOTERS as [(typeof VOTERS)[0], (typeof VOTERS)[0], (typeof VOTERS)[0]];
    const fp = h.state().setup!.fingerprint;
    const record = createVoterKeys(
      ed,
      REGISTRAR.sk,
      fp,
      [ana, ben, cleo].map((v) => ({ key: v.pk, boxes: ['box-a', 'box-b'] })),
    );
    await h.post(h.tx(REGISTRAR, 'voter_keys', voterKeysToJson(record)));
    h.clock = OPENS + 1000;
    const clock = {
      get t() {
        return h.clock;
      },
    };
    const election = {
      definition: h.def,
      key: () => h.key().publicKey,
      eligibility: eligibilityView(h.state().setup!.eligibility, () => h.state().eligibility),
      clock,
    };
    const start = async (key: (typeof BOXES)[0], alter = false) => {
      const db = sqliteDb();
      dbs.push(db);
      const b = await startBox({
        loc: db.loc,
        key: { secretKey: key.sk, publicKey: key.pk },
        election,
        ledger: minedPort(h),
        ...(alter ? { faults: cheatingBoxFaults({ alter: true }, CHEATING_ACKNOWLEDGEMENT) } : {}),
      });
      boxes.push(b);
      return b;
    };
    const honest = await start(BOXES[0]!);
    const cheat = await start(BOXES[1]!, true);

    const c = h.cast(ana, plain(1, true, [0]), rng);
    const body = castToJson(c.cast) as CastBody;
    await honest.client.boxCast({ body });
    await cheat.client.boxCast({ body });
    const spoiled = h.cast(ben, plain(2, false, [1]), rng);
    await honest.client.boxAudit({
      body: createAudit(h.key().cast, ben.sk, spoiled.cast, spoiled.secrets) as AuditBody,
    });

    await until(async () => (await honest.client.boxStatus()).pending_forward === 0);
    await until(async () => (await cheat.client.boxStatus()).refused === 1);
    const ballots = pToArray(h.state().ballots);
    expect(ballots.map((b) => [b.box, b.tracker])).toEqual([['box-a', c.tracker]]);
    expect(pToArray(h.state().audits).map((a) => a.tracker)).toEqual([spoiled.tracker]);
    const refused = await cheat.client.boxRecord({ params: { tracker: c.tracker } });
    expect(refused.forward_state).toBe('refused');
    expect(refused.forward_error).toMatch(/SIGNATURE_INVALID/);
  });
});
