/** A ballot box on a real loopback server with a fake ledger, for the tests. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import type { JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import { decodeTx, txId } from '../../../src/ledger/authority/tx.js';
import { type Client, createClient } from '../../../src/net/client.js';
import { createServer } from '../../../src/net/server.js';
import { identityFromSeed } from '../../../src/node/keys.js';
import type { PostResult } from '../../../src/node/peer-client.js';
import type { BallotBox } from '../../../src/node/roles/ballot-box/box.js';
import type { EligibilityView } from '../../../src/node/roles/ballot-box/eligibility.js';
import type { BoxFaults } from '../../../src/node/roles/ballot-box/faults.js';
import type { LedgerPort } from '../../../src/node/roles/ballot-box/ledger-port.js';
import { mountBallotBox } from '../../../src/node/roles/ballot-box/role.js';
import type { BallotBoxRoutes } from '../../../src/node/roles/ballot-box/routes.js';
import { silentLogger } from '../../../src/node/service.js';
import type { ElectionDefinition, RevotePolicy } from '../../../src/protocol/election/definition.js';
import { openDatabase, type StoreLocation } from '../../../src/store/open.js';
import { BOX_A, ed, election, eligibilityOf, KEY_JSON, type KeyPair, OPENS } from './election.js';

/** A ledger that keeps what it is offered; `mined` says whether offered transactions count as in a block. */
export class FakeLedger implements LedgerPort {
  readonly chain = 'cd'.repeat(32);
  readonly txs = new Map<string, JsonValue>();
  mined = true;
  /** Answer to give instead of taking the transaction. */
  refuse: PostResult | undefined;

  async submitTx(tx: JsonValue): Promise<PostResult> {
    if (this.refuse) return this.refuse;
    const t = decodeTx(tx);
    if (!t.ok) return t;
    const id = txId(t.value);
    const known = this.txs.has(id);
    this.txs.set(id, tx);
    return { ok: true, status: known ? 'known' : 'added' };
  }

  async inBlocks(ids: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(this.mined ? ids.filter((id) => this.txs.has(id)) : []);
  }

  /** Bodies of the offered transactions of one type. */
  bodies(type: string): JsonValue[] {
    return [...this.txs.values()].flatMap((tx) => {
      const t = decodeTx(tx);
      return t.ok && t.value.type === type ? [t.value.body] : [];
    });
  }
}

/** A running box. */
export interface BoxHarness {
  readonly url: string;
  readonly client: Client<BallotBoxRoutes>;
  readonly box: BallotBox;
  readonly ledger: FakeLedger;
  readonly port: LedgerPort;
  /** The box's clock (ms); tests move it. */
  readonly clock: { t: number };
  stop(): Promise<void>;
}

/** Options of {@link startBox}. */
export interface BoxSetup {
  readonly loc: StoreLocation;
  readonly revote?: RevotePolicy;
  readonly key?: KeyPair;
  readonly workers?: number;
  readonly faults?: BoxFaults;
  readonly ledger?: LedgerPort;
  /** Whether the ledger holds a `close`. */
  readonly closedOnLedger?: () => boolean;
  /** Another election than the test election (with its key, eligibility and clock). */
  readonly election?: {
    readonly definition: ElectionDefinition;
    readonly key: () => JsonValue | undefined;
    readonly eligibility: EligibilityView;
    readonly clock: { t: number };
  };
}

/** Opens the database, mounts the box, starts it and its server on loopback. */
export async function startBox(s: BoxSetup): Promise<BoxHarness> {
  const def = s.election?.definition ?? election(s.revote ?? 'once');
  const opened = await openDatabase(s.loc);
  const ledger = new FakeLedger();
  const port = s.ledger ?? ledger;
  const clock = s.election?.clock ?? { t: OPENS + 1000 };
  const role = await mountBallotBox({
    election: def,
    electionKey: s.election?.key ?? (() => KEY_JSON),
    ...(s.closedOnLedger ? { closedOnLedger: s.closedOnLedger } : {}),
    identity: identityFromSeed(ed, (s.key ?? BOX_A).secretKey),
    ed,
    database: {
      ...opened,
      ...(s.loc.kind === 'postgres' && s.loc.schema ? { schema: s.loc.schema } : {}),
      ...(s.loc.kind === 'sqlite' ? { file: s.loc.file } : {}),
    },
    eligibility: s.election?.eligibility ?? eligibilityOf(def),
    ledger: port,
    now: () => clock.t,
    logger: silentLogger,
    workers: s.workers ?? 0,
    ...(s.faults ? { faults: s.faults } : {}),
    tuning: { retryMs: 20, resubmitMs: 50 },
  });
  await role.box.start();
  const server = createServer({
    routes: role.routes,
    handlers: role.handlers,
    logger: pino({ level: 'silent' }),
  });
  const url = await server.start();
  return {
    url,
    client: createClient(role.routes, url),
    box: role.box,
    ledger,
    port,
    clock,
    async stop() {
      await server.stop();
      await role.box.stop();
      await opened.db.destroy();
    },
  };
}

/**
 * Builds `dist/` when the compiled box or store modules are missing or older than their sources: worker
 * threads (proof checking, the SQLite writer) and child processes load the compiled JavaScript.
 */
export function ensureBuilt(): void {
  const stale = ['src/node/roles/ballot-box', 'src/store/ballot-box'].some((dir) =>
    readdirSync(dir).some((f) => {
      const out = join('dist', dir.slice('src/'.length), f.replace(/\.ts$/, '.js'));
      return !existsSync(out) || statSync(out).mtimeMs < statSync(join(dir, f)).mtimeMs;
    }),
  );
  if (!stale) return;
  // tsc emits even when other files have type errors; only the box's output matters here
  spawnSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    stdio: 'inherit',
  });
}

/** Waits until `cond()` holds (polling), or fails after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
