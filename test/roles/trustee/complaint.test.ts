/**
 * A dishonest dealer: trustee 1's dealing is altered before it reaches the ledger so that its share to
 * trustee 3 is wrong. Trustee 3's service files a complaint, the ledger disqualifies trustee 1, and the two
 * others finish the ceremony and decrypt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../src/crypto/result.js';
import { systemRng } from '../../../src/crypto/rng.js';
import { decodeTx, signTx, txJson } from '../../../src/ledger/authority/tx.js';
import { chainSource } from '../../../src/node/roles/trustee/ledger-source.js';
import { SecretsFile } from '../../../src/node/roles/trustee/secrets-file.js';
import { TrusteeService } from '../../../src/node/roles/trustee/service.js';
import { intakeSubmit } from '../../../src/node/roles/trustee/submit.js';
import { thresholdState } from '../../../src/node/roles/trustee/threshold-plan.js';
import { RECORD_TYPES, sharesBodyFromJson, sharesBodyToJson } from '../../../src/protocol/ceremony/index.js';
import { definition, ed, TestLedger, TRUSTEES, tempDir, testCrypto, until } from './fixture.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('a dealer sending a wrong share', () => {
  it('is named by a complaint and disqualified; the others finish and decrypt', async () => {
    const { env, suiteFor, G } = await testCrypto();
    const ledger = await TestLedger.create(definition('elgamal-ristretto255', 3, 2), env);
    cleanup.push(() => ledger.stop());
    const source = chainSource(ledger.chain);
    cleanup.push(source.close);
    const honest = intakeSubmit(ledger.node.intake);
    for (const [i, t] of TRUSTEES.entries()) {
      const d = tempDir();
      cleanup.push(d.remove);
      // Trustee 1's dealing is altered (and signed again by it) on its way: its share to 3 is off by one.
      const submitTx: typeof honest = async (v) => {
        const decoded = decodeTx(v);
        if (!decoded.ok) throw new Error(decoded.message);
        const tx = decoded.value;
        if (i !== 0 || tx.type !== RECORD_TYPES.shares) return honest(v);
        const b = unwrap(sharesBodyFromJson(G, tx.body));
        const shares = b.shares.map((s) => (s.to === 3 ? { ...s, e: (s.e + 1n) % G.q } : s));
        const body = sharesBodyToJson(G, { ...b, shares });
        return honest(txJson(signTx(ed, t.sk, { type: tx.type, author: tx.author, chain: tx.chain, body })));
      };
      const deps = {
        ed,
        identity: t.identity,
        suiteFor,
        secrets: new SecretsFile(d.dir),
        rng: systemRng,
        submitTx,
      };
      const s = new TrusteeService(deps, source, { pollMs: 50, resendMs: 500 });
      cleanup.push(() => s.stop());
      await s.start();
    }
    const state = () => thresholdState(G, ledger.view());
    await until(() => state().phase === 'done' && state().confirmed.length === 2, 'the ceremony', 20_000);
    const done = state();
    expect(done.qualified).toEqual([2, 3]);
    expect(done.disqualified).toEqual([{ trustee: 1, reason: 'justified-complaint', by: 3 }]);
    expect(done.complaints).toMatchObject([{ complainer: 3, dealer: 1, verdict: 'justified' }]);
    await ledger.vote([
      [1, 1],
      [1, 0],
    ]);
    await ledger.close();
    const final = () => ledger.chain.ledger.lastFinal().state.decryption;
    await until(() => final()?.counts !== undefined, 'the tally decryption', 20_000);
    expect(final()!.counts).toEqual([
      [0n, 2n, 0n],
      [1n, 1n],
    ]);
    expect([...final()!.accepted].sort()).toEqual([2, 3]);
  }, 60_000);
});
