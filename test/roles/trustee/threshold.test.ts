/**
 * Three trustee services with threshold 2 against a one-node election ledger: the whole ceremony, a
 * trustee restarting mid-ceremony from its secrets file, two trustees decrypting while the third stays
 * offline, and a wrong partial decryption refused, named and excluded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Group } from '../../../src/crypto/group/group.js';
import { systemRng } from '../../../src/crypto/rng.js';
import type { TrusteeDeps } from '../../../src/node/roles/trustee/engine.js';
import type { TrusteeFaults } from '../../../src/node/roles/trustee/faults.js';
import { chainSource } from '../../../src/node/roles/trustee/ledger-source.js';
import { SecretsFile } from '../../../src/node/roles/trustee/secrets-file.js';
import { TrusteeService } from '../../../src/node/roles/trustee/service.js';
import { decryptionStatus } from '../../../src/node/roles/trustee/status.js';
import { intakeSubmit } from '../../../src/node/roles/trustee/submit.js';
import type { SuiteFor } from '../../../src/node/roles/trustee/suite.js';
import { planThresholdDecryption, thresholdState } from '../../../src/node/roles/trustee/threshold-plan.js';
import type { NodeLogger } from '../../../src/node/service.js';
import { RECORD_TYPES } from '../../../src/protocol/ceremony/index.js';
import { definition, type Person, TestLedger, TRUSTEES, tempDir, testCrypto, until } from './fixture.js';

/** A logger keeping warnings, to see what a service reported. */
function recorder(): NodeLogger & { warnings: string[] } {
  const warnings: string[] = [];
  const none = () => undefined;
  return { warnings, debug: none, info: none, error: none, warn: (_o, msg) => void warnings.push(msg) };
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

interface Setup {
  readonly ledger: TestLedger;
  readonly G: Group<unknown>;
  readonly suiteFor: SuiteFor;
  readonly dirs: string[];
  deps(t: Person, i: number, faults?: TrusteeFaults): TrusteeDeps;
  service(deps: TrusteeDeps, opts?: ConstructorParameters<typeof TrusteeService>[2]): TrusteeService;
}

async function setup(): Promise<Setup> {
  const { env, suiteFor, G } = await testCrypto();
  const ledger = await TestLedger.create(definition('elgamal-ristretto255', 3, 2), env);
  cleanup.push(() => ledger.stop());
  const dirs = TRUSTEES.map(() => {
    const d = tempDir();
    cleanup.push(d.remove);
    return d.dir;
  });
  const source = chainSource(ledger.chain);
  cleanup.push(source.close);
  return {
    ledger,
    G,
    suiteFor,
    dirs,
    deps: (t, i, faults) => ({
      ed: ledger.env.ed,
      identity: t.identity,
      suiteFor,
      secrets: new SecretsFile(dirs[i]!),
      rng: systemRng,
      submitTx: intakeSubmit(ledger.node.intake),
      ...(faults ? { faults } : {}),
    }),
    service: (deps, opts) => {
      const s = new TrusteeService(deps, source, { pollMs: 50, resendMs: 500, ...opts });
      cleanup.push(() => s.stop());
      return s;
    },
  };
}

const CHOICES = [
  [0, 0],
  [1, 0],
  [0, 1],
];
const COUNTS = [
  [2n, 1n, 0n],
  [2n, 1n],
];

describe('k-of-n trustee services on the ledger', () => {
  it('complete the ceremony with a restart; after close two decrypt while the third is offline', async () => {
    const s = await setup();
    const { ledger, G } = s;
    const state = () => thresholdState(G, ledger.view());
    // Trustees 1 and 3 run by themselves; 3 will stay offline for the decryption. 1's log is kept.
    const said: string[] = [];
    const keep = (o: object, m: string) => void said.push(m, JSON.stringify(o));
    const logger: NodeLogger = { debug: keep, info: keep, warn: keep, error: keep };
    await s.service(s.deps(TRUSTEES[0]!, 0), { logger }).start();
    await s.service(s.deps(TRUSTEES[2]!, 2, { offline: 'decryption' })).start();
    // Trustee 2 is driven by hand: it announces, then deals — and its first dealing is lost in transit.
    const manual = s.service(s.deps(TRUSTEES[1]!, 1), { mode: 'manual' });
    await manual.start();
    const a = await manual.step();
    expect(a.ok && a.value.outcome).toBe('sent');
    expect(a.ok && a.value.type).toBe(RECORD_TYPES.announcement);
    await until(() => state().phase === 'dealing', 'the dealing phase');
    const lost = s.deps(TRUSTEES[1]!, 1);
    const unreachable = {
      ...lost,
      submitTx: async () => ({ ok: false as const, code: 'UNREACHABLE', message: 'down' }),
    };
    const dropped = await s.service(unreachable, { mode: 'manual' }).step();
    expect(dropped.ok && dropped.value.outcome).toBe('refused');
    // The dealing was stored before it was sent: the next attempt sends the very same transaction.
    const stored = new SecretsFile(s.dirs[1]!).load(ledger.view().fingerprint);
    expect(stored.ok && stored.value?.published[RECORD_TYPES.shares]).toBeTruthy();
    const again = await manual.step();
    if (!again.ok || !dropped.ok) throw new Error('a manual step failed');
    expect(again.value.outcome).toBe('sent');
    expect(again.value.tx).toBe(dropped.value.tx);
    await until(() => state().dealt.includes(2), 'trustee 2 to have dealt');
    // Trustee 2 stops mid-ceremony and restarts in auto mode from its secrets file.
    await manual.stop();
    const restarted = s.service(s.deps(TRUSTEES[1]!, 1));
    await restarted.start();
    await until(() => state().confirmed.length === 3, 'three confirmations', 20_000);
    const done = state();
    expect(done.phase).toBe('done');
    expect(done.qualified).toEqual([1, 2, 3]);
    expect(done.errors).toEqual([]); // never a second, different record
    // Voting, close, then trustees 1 and 2 decrypt; trustee 3 stays offline.
    await ledger.vote(CHOICES);
    await ledger.close();
    const final = () => ledger.chain.ledger.lastFinal().state.decryption;
    await until(() => final()?.counts !== undefined, 'the tally decryption', 20_000);
    expect(final()!.counts).toEqual(COUNTS);
    expect([...final()!.accepted].sort()).toEqual([1, 2]);
    expect(ledger.view().decryption.every((r) => r.signer !== 3)).toBe(true);
    // Trustee 1 logged what it did, never a secret.
    const mine = new SecretsFile(s.dirs[0]!).load(ledger.view().fingerprint);
    if (!mine.ok || mine.value?.kind !== 'threshold' || mine.value.share === undefined)
      throw new Error('secrets');
    const secrets = [mine.value.share, mine.value.secrets.shareKeySecret, ...mine.value.secrets.coefficients];
    expect(said.some((m) => m.includes('partial_decryption'))).toBe(true);
    for (const x of secrets) expect(said.join('\n')).not.toContain(x.toString());
  }, 60_000);

  it('a wrong partial decryption is refused and names its trustee; the two others decrypt', async () => {
    const s = await setup();
    const { ledger, G, suiteFor } = s;
    const log = recorder();
    await s.service(s.deps(TRUSTEES[0]!, 0)).start();
    await s.service(s.deps(TRUSTEES[1]!, 1, { wrongPartial: true }), { logger: log }).start();
    await s.service(s.deps(TRUSTEES[2]!, 2)).start();
    await until(() => thresholdState(G, ledger.view()).confirmed.length === 3, 'three confirmations', 20_000);
    await ledger.vote(CHOICES);
    await ledger.close();
    const final = () => ledger.chain.ledger.lastFinal().state.decryption;
    await until(() => final()?.counts !== undefined, 'the tally decryption', 20_000);
    expect(final()!.counts).toEqual(COUNTS);
    expect([...final()!.accepted].sort()).toEqual([1, 3]);
    // The ledger refused trustee 2's record at the door, naming trustee 2 and the failing entry.
    await until(() => log.warnings.some((w) => w.includes('refused')), 'the refusal to be reported');
    const refusal = log.warnings.find((w) => w.includes('refused'))!;
    expect(refusal).toContain('DECRYPTION_INVALID');
    expect(refusal).toContain('trustee 2');
    // Had it reached the ledger, the decryption state would name and exclude it.
    const view = ledger.view();
    const wrong = { ...view, decryption: [] as typeof view.decryption };
    const stored = new SecretsFile(s.dirs[1]!).load(view.fingerprint);
    if (!stored.ok || stored.value?.kind !== 'threshold') throw new Error('no secrets for trustee 2');
    const plan = planThresholdDecryption(G, wrong, stored.value, systemRng, { wrongPartial: true });
    if (plan.kind !== 'publish') throw new Error(`trustee 2 has nothing to publish: ${plan.reason}`);
    const records = [{ type: plan.type, body: plan.body, signer: 2 }, ...view.decryption];
    const status = decryptionStatus(suiteFor('elgamal-ristretto255'), { ...view, decryption: records });
    expect(status).toMatchObject({ excluded: [2], errors: [{ trustee: 2, code: 'DECRYPTION_INVALID' }] });
  }, 60_000);
});
