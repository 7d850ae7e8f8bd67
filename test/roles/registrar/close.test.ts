/**
 * The registrar's early close: refused before voting opens, the close transaction signed by the registrar
 * for the election's fingerprint, idempotent, audited, and `LEDGER_UNAVAILABLE` when the node cannot be
 * reached; the route needs the node admin token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../src/crypto/result.js';
import { ed25519Pure } from '../../../src/crypto/sig/ed25519.js';
import { checkTxSignature } from '../../../src/ledger/authority/tx.js';
import { createClient, RemoteError } from '../../../src/net/index.js';
import { REGISTRAR_ROUTES } from '../../../src/node/roles/registrar/http/routes.js';
import { buildElection } from '../../../src/protocol/election/build.js';
import { electionFingerprint } from '../../../src/protocol/election/fingerprint.js';
import { INPUT } from '../../protocol/election/fixtures.js';
import { type Harness, startHarness } from './harness.js';

const CHAIN = 'c'.repeat(64);
let h: Harness;
let fingerprint = '';

beforeAll(async () => {
  h = await startHarness('sqlite');
  const r = await h.reg.importRoll(
    'name,surname,email,login,password\nA,B,a@example.org,a,password-1\n',
    'operator',
  );
  expect(r.ok).toBe(true);
  const d = unwrap(buildElection({ ...INPUT, id: 'close-test', roll: unwrap(await h.reg.rollCommitment()) }));
  expect((await h.reg.addElection(d, CHAIN, 'operator')).ok).toBe(true);
  fingerprint = electionFingerprint(d);
});

afterAll(async () => {
  await h.close();
});

async function code(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  return e instanceof RemoteError ? `${e.status} ${e.code}` : String(e);
}

describe('registrar: early close', () => {
  it('needs the node admin token', async () => {
    const anon = createClient(REGISTRAR_ROUTES, h.url);
    expect(await code(anon.adminClose({ params: { election: 'close-test' }, body: {} }))).toBe(
      '401 UNAUTHORIZED',
    );
    expect(await code(h.client.adminClose({ params: { election: 'nope' }, body: {} }))).toBe('404 NOT_FOUND');
  });

  it('is refused before voting opens, then signs and submits the close once', async () => {
    const opens = INPUT.schedule.opens_at;
    h.clock.t = opens - 1;
    expect(await code(h.client.adminClose({ params: { election: 'close-test' }, body: {} }))).toBe(
      '409 VOTING_NOT_OPEN',
    );
    h.clock.t = opens + 1;
    h.ledgerDown.down = true;
    expect(await code(h.client.adminClose({ params: { election: 'close-test' }, body: {} }))).toBe(
      '503 LEDGER_UNAVAILABLE',
    );
    h.ledgerDown.down = false;
    const before = h.submitted.length;
    const a = await h.client.adminClose({ params: { election: 'close-test' }, body: {} });
    const tx = h.submitted.slice(before).find((t) => t.type === 'close')!;
    expect(tx).toBeDefined();
    expect(a.tx_id).toMatch(/^[0-9a-f]{64}$/);
    expect(tx.chain).toBe(CHAIN);
    expect(tx.author).toBe(h.reg.context.key.publicKey);
    expect(tx.body).toEqual({ election: fingerprint });
    expect(checkTxSignature(ed25519Pure, tx).ok).toBe(true);
    const again = await h.client.adminClose({ params: { election: 'close-test' }, body: {} });
    expect(again.tx_id).toBe(a.tx_id);
    const log = await h.reg.context.db.db.selectFrom('registrar_audit').selectAll().execute();
    expect(log.filter((e) => e.action === 'close_election')).toHaveLength(2);
  });
});
