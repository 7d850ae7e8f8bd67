/**
 * A one-node election ledger for the trustee tests: an in-memory store, the election rules, a node that
 * mines (hardness 0) and approves its own blocks (one validator, quorum 1), a clock the test moves, and
 * helpers for the registrar's, voters' and ballot box's records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../../src/crypto/bytes.js';
import type { JsonObject, JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import { sha256 } from '../../../src/crypto/encoding/hash.js';
import type { Group } from '../../../src/crypto/group/group.js';
import { ed25519Native } from '../../../src/crypto/node/ed25519-native.js';
import { opensslEngine } from '../../../src/crypto/node/openssl-modpow.js';
import { opensslPrime } from '../../../src/crypto/node/openssl-primes.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { paillier } from '../../../src/crypto/paillier/scheme.js';
import { unwrap } from '../../../src/crypto/result.js';
import { type Rng, systemRng } from '../../../src/crypto/rng.js';
import { signTx, type Tx, txJson } from '../../../src/ledger/authority/tx.js';
import { blockJson } from '../../../src/ledger/block.js';
import {
  ballotBody,
  ceremonyAt,
  type ElectionEnv,
  type ElectionLedgerState,
  electionRegistry,
} from '../../../src/ledger/election/index.js';
import { MemoryStore } from '../../../src/ledger/memory-store.js';
import { searchNonceSync } from '../../../src/ledger/pow.js';
import { identityFromSeed, type NodeIdentity } from '../../../src/node/keys.js';
import { LoopbackNetwork } from '../../../src/node/loopback.js';
import { createNode, type PnyxNode } from '../../../src/node/node.js';
import { finalViews } from '../../../src/node/roles/trustee/ledger-source.js';
import type { SuiteFor } from '../../../src/node/roles/trustee/suite.js';
import type { ElectionView } from '../../../src/node/roles/trustee/view.js';
import { silentLogger } from '../../../src/node/service.js';
import { castToJson } from '../../../src/protocol/cast/cast.js';
import { createCast } from '../../../src/protocol/cast/create.js';
import { createReceipt, receiptToJson } from '../../../src/protocol/cast/receipt.js';
import { buildElection } from '../../../src/protocol/election/build.js';
import type { ElectionDefinition, ElectionScheme } from '../../../src/protocol/election/definition.js';
import { rollCommitment, rollEntryCommitment } from '../../../src/protocol/election/roll.js';
import { electionToJson } from '../../../src/protocol/election/write.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import { readManifest } from '../../../src/protocol/manifest.js';
import { inlineSearch } from '../../node/helpers.js';

export const ed = ed25519Native;

/** Someone with an Ed25519 key. */
export interface Person {
  readonly name: string;
  readonly sk: Uint8Array;
  readonly pk: string;
  readonly identity: NodeIdentity;
}

/** A deterministic person. */
export function person(name: string): Person {
  const sk = sha256(`pnyx trustee test ${name}`);
  return { name, sk, pk: toHex(ed.publicKeyFromSecret(sk)), identity: identityFromSeed(ed, sk) };
}

export const REGISTRAR = person('registrar');
export const BOX = person('box-a');
export const VALIDATOR = person('v1');
export const TRUSTEES = ['alice', 'bob', 'carol'].map(person);
export const VOTERS = ['ana', 'ben', 'cleo', 'dan'].map(person);

/** Ledger start: a little before the real time, so replicas with the real clock accept every block. */
export const T0 = Math.floor(Date.now() / 1000) * 1000 - 10_000;
export const OPENS = T0 + 100_000;
export const CLOSES = T0 + 200_000;
/** Smallest Paillier modulus of the test elections (elections use 3072 bits). */
export const PAILLIER_TEST_BITS = 1024;

/** Two questions: a 1-of-3 and a yes/no. */
const MANIFEST = unwrap(
  readManifest({
    title: 'Trustee test',
    questions: [
      {
        id: 'chair',
        text: 'Chair?',
        kind: 'one-of-n',
        min: 1,
        max: 1,
        options: ['ada', 'bo', 'cy'].map((id) => ({ id, text: id })),
      },
      {
        id: 'budget',
        text: 'Budget?',
        kind: 'yes-no',
        min: 1,
        max: 1,
        options: [
          { id: 'yes', text: 'Yes' },
          { id: 'no', text: 'No' },
        ],
      },
    ],
  }),
);

/** A test election: `n` trustees (the first n of {@link TRUSTEES}), threshold `k`. */
export function definition(scheme: ElectionScheme, n: number, k: number): ElectionDefinition {
  return unwrap(
    buildElection({
      id: `trustee-test-${scheme}-${k}-of-${n}`,
      manifest: MANIFEST,
      schedule: { opens_at: OPENS, closes_at: CLOSES },
      scheme,
      boxes: [{ id: BOX.name, key: BOX.pk, url: 'https://box-a.example.org/' }],
      validators: [VALIDATOR.pk],
      quorum: 1,
      hardness: 0,
      trustees: {
        n,
        k,
        members: TRUSTEES.slice(0, n).map((t, i) => ({ index: i + 1, name: t.name, key: t.pk })),
      },
      registrar: REGISTRAR.pk,
      roll: unwrap(rollCommitment(VOTERS.map((v) => rollEntryCommitment(v.name, '00'.repeat(32))))),
    }),
  );
}

/** The crypto of the tests: the fast ristretto255 backend and OpenSSL-backed Paillier. */
export async function testCrypto(): Promise<{ env: ElectionEnv; suiteFor: SuiteFor; G: Group<unknown> }> {
  const G = (await loadFastRistretto()) as Group<unknown>;
  const P = paillier(opensslEngine());
  const env: ElectionEnv = {
    ed,
    groups: { ristretto255: G },
    paillier: P,
    paillierMinBits: PAILLIER_TEST_BITS,
  };
  const suiteFor: SuiteFor = (scheme) =>
    scheme === 'paillier'
      ? {
          kind: 'paillier',
          P,
          generatePrime: opensslPrime,
          bits: PAILLIER_TEST_BITS,
          minBits: PAILLIER_TEST_BITS,
        }
      : { kind: 'elgamal', G };
  return { env, suiteFor, G };
}

/** Polls until `cond` holds (or throws after `ms`). */
export async function until(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-trustee-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The one-node election ledger. */
export class TestLedger {
  /** Ledger time: blocks are stamped with it. */
  clock = T0;
  readonly net = new LoopbackNetwork();

  private constructor(
    readonly node: PnyxNode<ElectionLedgerState>,
    readonly def: ElectionDefinition,
    readonly env: ElectionEnv,
  ) {}

  /** Builds and starts the node with `def` in its genesis. */
  static async create(def: ElectionDefinition, env: ElectionEnv): Promise<TestLedger> {
    const content: JsonObject = {
      profile: 'authority',
      hardness: 0,
      quorum: 1,
      validators: [VALIDATOR.pk],
      time: T0,
      registrar: REGISTRAR.pk,
      election: electionToJson(def),
    };
    const genesis = searchNonceSync({ parent_id: '', miner_name: 'registrar', content }, 0);
    if (!genesis.ok) throw new Error(genesis.message);
    let t: TestLedger | undefined;
    const net = new LoopbackNetwork();
    const r = await createNode<ElectionLedgerState>({
      name: 'ledger',
      roles: ['observer', 'miner', 'validator'],
      store: new MemoryStore(),
      registry: electionRegistry(env),
      ed,
      identity: VALIDATOR.identity,
      logger: silentLogger,
      now: () => t?.clock ?? T0,
      rng: systemRng,
      connect: net.connector('mem://ledger'),
      genesis: blockJson(genesis.value),
      search: inlineSearch,
      tuning: { miner: { batchMs: 5 }, retryMs: 50 },
    });
    if (!r.ok) throw new Error(r.message);
    t = new TestLedger(r.value, def, env);
    t.net.serve('mem://ledger', r.value.api);
    await r.value.start();
    return t;
  }

  get chain() {
    return this.node.chain;
  }

  /** The election as of the last final block. */
  view(): ElectionView {
    return finalViews(this.node.chain.ledger)[0]!;
  }

  /** Signs and submits a transaction; throws when the ledger refuses it. */
  async submit(who: Person, type: string, body: JsonValue): Promise<string> {
    const tx: Tx = signTx(ed, who.sk, {
      type,
      author: who.pk,
      chain: this.node.chain.ledger.genesis.id,
      body,
    });
    const [r] = await this.node.intake.submit([txJson(tx)], { kind: 'local' });
    if (!r?.ok) throw new Error(`${type} refused: ${r?.code}: ${r?.message}`);
    return r.value.id;
  }

  /** Waits until the transaction is in a final block. */
  async final(id: string): Promise<void> {
    const ledger = this.node.chain.ledger;
    await until(() => ledger.tree.onChain(id, ledger.lastFinal()), `transaction ${id} to be final`);
  }

  /**
   * Opens voting (moves the clock past the opening), registers the voters' keys, and has each voter cast
   * `choices[i]` (per question, the chosen option) through the ballot box.
   */
  async vote(choices: readonly (readonly number[])[], rng: Rng = systemRng): Promise<void> {
    this.clock = OPENS + 1000;
    const fp = this.view().fingerprint;
    const voters = VOTERS.slice(0, choices.length);
    const keys = createVoterKeys(
      ed,
      REGISTRAR.sk,
      fp,
      voters.map((v) => ({ key: v.pk, boxes: [BOX.name] })),
    );
    await this.final(await this.submit(REGISTRAR, 'voter_keys', voterKeysToJson(keys)));
    const s = this.node.chain.ledger.lastFinal().state;
    const key = ceremonyAt(s, s.setup!, this.clock).key;
    if (!key) throw new Error('no election key');
    let last = '';
    for (const [i, v] of voters.entries()) {
      const plaintext = MANIFEST.questions.map((q, qi) =>
        q.options.map((_, o) => (o === choices[i]![qi] ? 1 : 0)),
      );
      const c = unwrap(createCast(key.cast, { voterSecret: v.sk, plaintext }, rng));
      const receipt = createReceipt(ed, BOX.sk, {
        tracker: c.tracker,
        box: BOX.name,
        received_at: this.clock,
      });
      last = await this.submit(
        BOX,
        'ballot',
        ballotBody(BOX.name, castToJson(c.cast), receiptToJson(receipt)),
      );
    }
    await this.final(last);
  }

  /** The registrar closes the election; waits until the close is final. */
  async close(): Promise<void> {
    this.clock = OPENS + 2000;
    await this.final(await this.submit(REGISTRAR, 'close', { election: this.view().fingerprint }));
  }

  async stop(): Promise<void> {
    await this.node.stop();
  }
}
