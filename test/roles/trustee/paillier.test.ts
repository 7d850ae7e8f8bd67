/**
 * The Paillier key holder and the n-of-n trustees, each run as a separate trustee process would: a
 * replica of the node's ledger pulled over the peer API (loopback), transactions posted to the node.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemRng } from '../../../src/crypto/rng.js';
import type { TrusteeDeps } from '../../../src/node/roles/trustee/engine.js';
import type { TrusteeFaults } from '../../../src/node/roles/trustee/faults.js';
import { nodeTrustee, trusteeSecretsDir } from '../../../src/node/roles/trustee/for-node.js';
import { paillierState } from '../../../src/node/roles/trustee/paillier-plan.js';
import { ReplicaSource } from '../../../src/node/roles/trustee/replica-source.js';
import { SecretsFile } from '../../../src/node/roles/trustee/secrets-file.js';
import { TrusteeService } from '../../../src/node/roles/trustee/service.js';
import { electionStatus } from '../../../src/node/roles/trustee/status.js';
import { peerSubmit } from '../../../src/node/roles/trustee/submit.js';
import type { PaillierSuite } from '../../../src/node/roles/trustee/suite.js';
import { type NodeLogger, silentLogger } from '../../../src/node/service.js';
import type { ElectionScheme } from '../../../src/protocol/election/definition.js';
import { definition, type Person, TestLedger, TRUSTEES, tempDir, testCrypto, until } from './fixture.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A ledger, and trustees that each reach it over the loopback network as a standalone process would. */
async function setup(scheme: ElectionScheme, n: number) {
  const { env, suiteFor } = await testCrypto();
  const ledger = await TestLedger.create(definition(scheme, n, n), env);
  cleanup.push(() => ledger.stop());
  const connect = ledger.net.connector('mem://trustee');
  const start = async (
    t: Person,
    o: { faults?: TrusteeFaults; dir?: string; logger?: NodeLogger } = {},
  ): Promise<{ service: TrusteeService; dir: string }> => {
    const d = o.dir === undefined ? tempDir() : { dir: o.dir, remove: () => undefined };
    cleanup.push(d.remove);
    const client = connect('mem://ledger');
    const source = await ReplicaSource.open(client, env, { now: () => ledger.clock });
    if (!source.ok) throw new Error(source.message);
    const deps: TrusteeDeps = {
      ed: env.ed,
      identity: t.identity,
      suiteFor,
      secrets: new SecretsFile(d.dir),
      rng: systemRng,
      submitTx: peerSubmit(client),
      ...(o.faults ? { faults: o.faults } : {}),
    };
    const service = new TrusteeService(deps, source.value, {
      pollMs: 50,
      resendMs: 500,
      ...(o.logger ? { logger: o.logger } : {}),
    });
    cleanup.push(() => service.stop());
    await service.start();
    return { service, dir: d.dir };
  };
  return { ledger, suiteFor, start };
}

const CHOICES = [
  [2, 1],
  [2, 0],
  [0, 1],
];
const COUNTS = [
  [1n, 0n, 2n],
  [1n, 2n],
];

describe('Paillier key holder', () => {
  it('publishes a well-formed key, then the tally decryption anyone checks', async () => {
    const { ledger, suiteFor, start } = await setup('paillier', 1);
    const { dir } = await start(TRUSTEES[0]!);
    const suite = suiteFor('paillier') as PaillierSuite;
    await until(() => paillierState(suite, ledger.view()).phase === 'done', 'the Paillier key', 20_000);
    // The key on the ledger is the stored one; the secrets file is private.
    const stored = new SecretsFile(dir).load(ledger.view().fingerprint);
    expect(stored.ok && stored.value?.kind).toBe('paillier');
    await ledger.vote(CHOICES);
    await ledger.close();
    const final = () => ledger.chain.ledger.lastFinal().state.decryption;
    await until(() => final()?.counts !== undefined, 'the tally decryption', 20_000);
    expect(final()!.counts).toEqual(COUNTS);
    expect(electionStatus(suite, ledger.view())).toMatchObject({
      ceremony: { phase: 'done', modulus_bits: 1024 },
      decryption: { counts: COUNTS },
    });
  }, 60_000);

  it('a wrong decryption is refused and named; restarted without the fault, the holder decrypts', async () => {
    const { ledger, start } = await setup('paillier', 1);
    const warnings: string[] = [];
    const none = () => undefined;
    const logger: NodeLogger = {
      debug: none,
      info: none,
      error: none,
      warn: (_o, m) => void warnings.push(m),
    };
    const faulty = await start(TRUSTEES[0]!, { faults: { wrongPartial: true }, logger });
    await until(() => ledger.view().ceremony.length === 1, 'the Paillier key', 20_000);
    await ledger.vote(CHOICES);
    await ledger.close();
    await until(() => warnings.some((w) => w.includes('refused')), 'the refusal', 20_000);
    expect(warnings.find((w) => w.includes('refused'))).toContain('DECRYPTION_INVALID');
    await faulty.service.stop();
    expect(ledger.view().decryption).toEqual([]);
    await start(TRUSTEES[0]!, { dir: faulty.dir });
    const final = () => ledger.chain.ledger.lastFinal().state.decryption;
    await until(() => final()?.counts !== undefined, 'the tally decryption', 20_000);
    expect(final()!.counts).toEqual(COUNTS);
  }, 60_000);
});

describe('the trustee role inside a node', () => {
  it('runs over the node chain and keeps its secrets in DATA_DIR/NAME-trustee', async () => {
    const { env, suiteFor } = await testCrypto();
    const ledger = await TestLedger.create(definition('paillier', 1, 1), env);
    cleanup.push(() => ledger.stop());
    const d = tempDir();
    cleanup.push(d.remove);
    const role = nodeTrustee({
      node: ledger.node,
      ed: env.ed,
      identity: TRUSTEES[0]!.identity,
      suiteFor,
      dataDir: d.dir,
      name: 'alice',
      rng: systemRng,
      logger: silentLogger,
    });
    cleanup.push(() => role.stop());
    await role.start();
    await until(() => ledger.view().ceremony.length === 1, 'the Paillier key', 20_000);
    const stored = new SecretsFile(trusteeSecretsDir(d.dir, 'alice')).load(ledger.view().fingerprint);
    expect(stored.ok && stored.value?.kind).toBe('paillier');
  }, 30_000);
});

describe('n-of-n trustees (k = n)', () => {
  it('each posts its key, and all decrypt', async () => {
    const { ledger, start } = await setup('elgamal-ristretto255', 2);
    await start(TRUSTEES[0]!);
    await start(TRUSTEES[1]!);
    await until(() => ledger.view().ceremony.length === 2, 'two trustee keys', 20_000);
    await ledger.vote(CHOICES);
    await ledger.close();
    const final = () => ledger.chain.ledger.lastFinal().state.decryption;
    await until(() => final()?.counts !== undefined, 'the tally decryption', 20_000);
    expect(final()!.counts).toEqual(COUNTS);
  }, 60_000);
});
