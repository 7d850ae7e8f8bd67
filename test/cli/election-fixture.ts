/**
 * A whole election in one process for the client tests, over real loopback HTTP: a ledger node (election
 * rules, mines and approves its own blocks: one validator, quorum 1, hardness 0), a registrar (SQLite) with
 * a three-voter roll, two ballot boxes (SQLite) forwarding to the node, and a one-trustee n-of-n key. One
 * clock drives the ledger, the registrar, the boxes and the clients.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { electionGenesis } from '../../src/cli/election-genesis.js';
import { clientEnv } from '../../src/client/env.js';
import { generateBlindKeyPair } from '../../src/crypto/blind/keys.js';
import { toHex } from '../../src/crypto/bytes.js';
import type { JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import { sha256 } from '../../src/crypto/encoding/hash.js';
import type { Group } from '../../src/crypto/group/group.js';
import { ed25519Native } from '../../src/crypto/node/ed25519-native.js';
import { unwrap } from '../../src/crypto/result.js';
import { systemRng } from '../../src/crypto/rng.js';
import { createTrusteeKey, trusteeKeyToJson } from '../../src/crypto/threshold/n-of-n.js';
import { signTx, txJson } from '../../src/ledger/authority/tx.js';
import { blockJson } from '../../src/ledger/block.js';
import {
  ceremonyAt,
  type ElectionEnv,
  type ElectionLedgerState,
  electionRegistry,
} from '../../src/ledger/election/index.js';
import { MemoryStore } from '../../src/ledger/memory-store.js';
import { createServer, type NetServer } from '../../src/net/server.js';
import { createLedgerServer } from '../../src/node/http/server.js';
import { identityFromSeed, type NodeIdentity } from '../../src/node/keys.js';
import { LoopbackNetwork } from '../../src/node/loopback.js';
import { createNode, type PnyxNode } from '../../src/node/node.js';
import type { PostResult } from '../../src/node/peer-client.js';
import type { BallotBox } from '../../src/node/roles/ballot-box/box.js';
import { eligibilityView } from '../../src/node/roles/ballot-box/eligibility.js';
import { mountBallotBox } from '../../src/node/roles/ballot-box/role.js';
import { mountRegistrar } from '../../src/node/roles/registrar/http/mount.js';
import type { Registrar } from '../../src/node/roles/registrar/registrar.js';
import { silentLogger } from '../../src/node/service.js';
import { buildElection } from '../../src/protocol/election/build.js';
import type { ElectionDefinition, RevotePolicy } from '../../src/protocol/election/definition.js';
import { readManifest } from '../../src/protocol/manifest.js';
import { openDatabase } from '../../src/store/open.js';
import { inlineSearch } from '../node/helpers.js';

const ed = ed25519Native;

/** Someone with a key. */
export interface Person {
  readonly name: string;
  readonly sk: Uint8Array;
  readonly pk: string;
  readonly identity: NodeIdentity;
}

/** A deterministic person. */
export function person(name: string): Person {
  const sk = sha256(`pnyx client test ${name}`);
  return { name, sk, pk: toHex(ed.publicKeyFromSecret(sk)), identity: identityFromSeed(ed, sk) };
}

export const REGISTRAR = person('registrar');
export const BOXES = [person('box-a'), person('box-b')];
export const VALIDATOR = person('v1');
export const TRUSTEE = person('t1');

/** The roll: login, password. */
export const VOTERS = [
  ['ana', 'ana-password-1'],
  ['ben', 'ben-password-2'],
  ['cleo', 'cleo-password-3'],
  ['dan', 'dan-password-4'],
] as const;

/** The node admin token of the registrar's server. */
export const ADMIN_TOKEN = 'client-test-admin-token';

/** A 1-of-3 question and a yes/no question. */
export const MANIFEST = unwrap(
  readManifest({
    title: 'Client test',
    questions: [
      {
        id: 'chair',
        text: 'Who chairs?',
        kind: 'one-of-n',
        min: 1,
        max: 1,
        options: [
          { id: 'ada', text: 'Ada' },
          { id: 'bo', text: 'Bo' },
          { id: 'cy', text: 'Cy' },
        ],
      },
      {
        id: 'budget',
        text: 'Approve the budget?',
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** The value of a success, or a thrown sentence. */
function must<T>(r: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

/** Polls until `cond` holds. */
export async function until(
  cond: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The running election. */
export class TestElection {
  readonly stops: (() => Promise<void>)[] = [];
  readonly boxServers: NetServer[] = [];
  readonly boxes: BallotBox[] = [];
  registrar!: Registrar;
  node!: PnyxNode<ElectionLedgerState>;
  def!: ElectionDefinition;
  env!: ElectionEnv;
  ledgerUrl = '';
  registrarUrl = '';
  readonly dir = mkdtempSync(join(tmpdir(), 'pnyx-client-'));
  /** The shared clock (ms). */
  readonly clock = { t: Math.floor(Date.now() / 1000) * 1000 - 120_000 };
  readonly now = () => this.clock.t;

  /** Starts everything; the election is open when it returns. */
  static async start(o: { revote?: RevotePolicy; blindTokens?: boolean } = {}): Promise<TestElection> {
    const t = new TestElection();
    await t.boot(o.revote ?? 'once', o.blindTokens ?? false);
    return t;
  }

  private async boot(revote: RevotePolicy, blindTokens: boolean): Promise<void> {
    const tokenPair = blindTokens ? await generateBlindKeyPair(2048) : undefined;
    this.env = await clientEnv();
    const t0 = this.clock.t;
    // 1. The registrar and its roll.
    const regDb = await openDatabase({ kind: 'sqlite', file: join(this.dir, 'registrar.db') });
    const role = await mountRegistrar({
      database: { db: regDb.db, dialect: regDb.dialect },
      ed,
      key: { secretKey: REGISTRAR.sk, publicKey: REGISTRAR.pk },
      rng: systemRng,
      now: this.now,
      atRestSecret: sha256('client test at rest'),
      submitTx: async (tx) => {
        const [r] = await this.node.intake.submit([txJson(tx)], { kind: 'local' });
        return r!;
      },
      cost: 'test',
      publishDelayMs: 10,
    });
    this.registrar = role.registrar;
    await role.registrar.start();
    const csv = [
      'name,surname,email,login,password',
      ...VOTERS.map(([l, p]) => `${l},X,${l}@example.org,${l},${p}`),
    ];
    must(await role.registrar.importRoll(`${csv.join('\n')}\n`, 'operator'));
    const roll = unwrap(await role.registrar.rollCommitment());
    const regServer = createServer({
      routes: role.routes,
      handlers: role.handlers,
      logger: pino({ level: 'silent' }),
      adminToken: ADMIN_TOKEN,
      limits: { rateLimitMax: 100_000 },
    });
    this.registrarUrl = await regServer.start();
    this.stops.push(async () => {
      await regServer.stop();
      await role.registrar.stop();
      await regDb.db.destroy();
    });
    // 2. The definition, with the boxes' future addresses.
    const ports = [await freePort(), await freePort()];
    this.def = unwrap(
      buildElection({
        id: 'client-test',
        manifest: MANIFEST,
        schedule: { opens_at: t0 + 20_000, closes_at: t0 + 3_600_000 },
        revote,
        ...(tokenPair
          ? { eligibility: { mode: 'blind-tokens', token_key: toHex(tokenPair.publicKey.spki) } }
          : {}),
        boxes: BOXES.map((b, i) => ({ id: b.name, key: b.pk, url: `http://127.0.0.1:${ports[i]}` })),
        validators: [VALIDATOR.pk],
        quorum: 1,
        hardness: 0,
        trustees: { n: 1, k: 1, members: [{ index: 1, name: TRUSTEE.name, key: TRUSTEE.pk }] },
        registrar: REGISTRAR.pk,
        roll,
      }),
    );
    // 3. The ledger node, with the genesis `pnyx election create` writes.
    const genesis = electionGenesis(this.def, this.env, { time: t0 });
    const net = new LoopbackNetwork();
    const node = must(
      await createNode<ElectionLedgerState>({
        name: 'ledger',
        roles: ['observer', 'miner', 'validator'],
        store: new MemoryStore(),
        registry: electionRegistry(this.env),
        ed,
        identity: VALIDATOR.identity,
        logger: silentLogger,
        now: this.now,
        rng: systemRng,
        connect: net.connector('mem://ledger'),
        genesis: blockJson(genesis),
        search: inlineSearch,
        tuning: { miner: { batchMs: 5 }, retryMs: 50 },
      }),
    );
    this.node = node;
    await node.start();
    const ledgerServer = createLedgerServer({
      node: node as PnyxNode<unknown>,
      roles: ['observer', 'miner', 'validator'],
      logger: pino({ level: 'silent' }),
      limits: { rateLimitMax: 100_000 },
    });
    this.ledgerUrl = await ledgerServer.start();
    this.stops.push(async () => {
      await ledgerServer.stop();
      await node.stop();
    });
    must(
      await role.registrar.addElection(
        this.def,
        node.chain.ledger.genesis.id,
        'operator',
        tokenPair?.secretKey,
      ),
    );
    // 4. The key: one trustee, n-of-n.
    const setup = node.chain.ledger.head().state.setup!;
    const G = this.env.groups.ristretto255 as Group<unknown>;
    const { publicKey } = createTrusteeKey(G, setup.crypto.context, 1, systemRng);
    await this.final(await this.submit(TRUSTEE, 'trustee_key', trusteeKeyToJson(G, publicKey)));
    // 5. The boxes.
    for (const [i, b] of BOXES.entries()) await this.startBox(i, b, ports[i]!);
    // 6. Voting opens.
    this.clock.t = this.def.schedule.opens_at + 1000;
  }

  private async startBox(i: number, b: Person, port: number): Promise<void> {
    const db = await openDatabase({ kind: 'sqlite', file: join(this.dir, `${b.name}.db`) });
    const ledger = this.node.chain.ledger;
    const state = () => ledger.head().state;
    const role = await mountBallotBox({
      election: this.def,
      electionKey: () => {
        const s = ledger.lastFinal().state;
        return ceremonyAt(s, s.setup!, Math.max(this.clock.t, s.time)).key?.publicKey;
      },
      identity: b.identity,
      ed,
      database: { ...db, file: join(this.dir, `${b.name}.db`) },
      eligibility: eligibilityView(state().setup!.eligibility, () => state().eligibility),
      ledger: {
        chain: ledger.genesis.id,
        submitTx: async (tx: JsonValue): Promise<PostResult> => {
          const [r] = await this.node.intake.submit([tx], { kind: 'local' });
          return r!.ok
            ? { ok: true, status: r!.value.status }
            : { ok: false, code: r!.code, message: r!.message };
        },
        inBlocks: async (ids) => new Set(ids.filter((id) => ledger.tree.onChain(id, ledger.head()))),
      },
      now: this.now,
      logger: silentLogger,
      workers: 0,
      tuning: { retryMs: 20, resubmitMs: 50 },
    });
    await role.box.start();
    const server = createServer({
      routes: role.routes,
      handlers: role.handlers,
      logger: pino({ level: 'silent' }),
      port,
      limits: { rateLimitMax: 100_000 },
    });
    await server.start();
    this.boxServers[i] = server;
    this.boxes[i] = role.box;
    this.stops.push(async () => {
      await server.stop().catch(() => undefined);
      await role.box.stop();
      await db.db.destroy();
    });
  }

  /** Signs and submits a transaction (throws when refused); its id. */
  async submit(who: Person, type: string, body: JsonValue): Promise<string> {
    const tx = signTx(ed, who.sk, { type, author: who.pk, chain: this.node.chain.ledger.genesis.id, body });
    const [r] = await this.node.intake.submit([txJson(tx)], { kind: 'local' });
    if (!r?.ok) throw new Error(`${type} refused: ${r?.code}: ${r?.message}`);
    return r.value.id;
  }

  /** Waits until a transaction is in a final block. */
  async final(id: string): Promise<void> {
    const ledger = this.node.chain.ledger;
    await until(() => ledger.tree.onChain(id, ledger.lastFinal()), `transaction ${id} to be final`);
  }

  /** Waits until every box has its records in blocks and the last block is final. */
  async settle(): Promise<void> {
    const ledger = this.node.chain.ledger;
    await until(async () => {
      for (const b of this.boxes) {
        const s = await b.status();
        if (s.pending_forward > 0) return false;
      }
      // A transaction still in the pool (a close just submitted) is not on the ledger yet.
      return this.node.chain.mempool.size === 0 && ledger.lastFinal().id === ledger.head().id;
    }, 'the boxes to forward, the pool to empty and the blocks to be final');
  }

  async stop(): Promise<void> {
    for (const s of this.stops.reverse()) await s();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
