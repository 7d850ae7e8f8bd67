/** Ledger nodes in this process with real HTTP servers and HTTP peer clients, for the route tests. */
import { pino } from 'pino';
import { createGenesis } from '../../src/cli/genesis.js';
import { noteRegistry } from '../../src/cli/node-registry.js';
import { toHex } from '../../src/crypto/bytes.js';
import { sha256 } from '../../src/crypto/encoding/hash.js';
import { ed25519Native as ed } from '../../src/crypto/node/ed25519-native.js';
import { systemRng } from '../../src/crypto/rng.js';
import { signTx, type Tx } from '../../src/ledger/authority/tx.js';
import { type Block, blockJson } from '../../src/ledger/block.js';
import { MemoryStore } from '../../src/ledger/memory-store.js';
import { workerPowSearch } from '../../src/ledger/node/pow-worker.js';
import type { NetServer } from '../../src/net/server.js';
import { type HttpConnector, httpConnector } from '../../src/node/http/peer-client.js';
import { createLedgerServer } from '../../src/node/http/server.js';
import type { NodeIdentity } from '../../src/node/keys.js';
import { createNode, type PnyxNode } from '../../src/node/node.js';

/** A deterministic identity from a label. */
export function identity(label: string): NodeIdentity {
  const secretKey = sha256(`pnyx http test ${label}`);
  return { publicKey: toHex(ed.publicKeyFromSecret(secretKey)), secretKey };
}

/** The one validator of the test ledger (quorum 1). */
export const VALIDATOR = identity('validator');
/** An author of notes. */
export const AUTHOR = identity('author');

/** The test genesis: one validator, quorum 1, hardness 4. */
export const GENESIS: Block = createGenesis({
  validators: [VALIDATOR.publicKey],
  quorum: 1,
  hardness: 4,
  time: Date.now() - 60_000,
});

/** A signed note of the test ledger. */
export function note(chain: string, text: string, who: NodeIdentity = AUTHOR): Tx {
  return signTx(ed, who.secretKey, { type: 'note', author: who.publicKey, chain, body: { text } });
}

/** A node with its server. */
export interface TestNode {
  readonly node: PnyxNode<null>;
  readonly server: NetServer;
  readonly url: string;
  readonly connector: HttpConnector;
  stop(): Promise<void>;
}

/** Starts a node (roles as given; the validator role uses {@link VALIDATOR}) and its HTTP server. */
export async function startTestNode(
  name: string,
  roles: ('miner' | 'validator' | 'observer')[],
  peers: readonly string[] = [],
): Promise<TestNode> {
  const connector = httpConnector({ timeoutMs: 5_000 });
  const store = new MemoryStore();
  const built = await createNode<null>({
    name,
    roles: ['observer', ...roles],
    store,
    registry: noteRegistry,
    ed,
    identity: roles.includes('validator') ? VALIDATOR : identity(name),
    logger: pino({ level: 'silent' }),
    now: Date.now,
    rng: systemRng,
    connect: connector.connect,
    genesis: blockJson(GENESIS),
    peers,
    ...(roles.includes('miner') ? { search: workerPowSearch() } : {}),
    tuning: { sync: { intervalMs: 200 }, retryMs: 100 },
  });
  if (!built.ok) throw new Error(built.message);
  const node = built.value;
  const server = createLedgerServer({
    node,
    roles: ['observer', ...roles],
    ...(node.validator ? { validatorKey: node.validator.key } : {}),
    logger: pino({ level: 'silent' }),
    limits: { rateLimitMax: 100_000 },
  });
  await node.start();
  const url = await server.start();
  return {
    node,
    server,
    url,
    connector,
    stop: async () => {
      await server.stop();
      await node.stop();
      connector.close();
    },
  };
}

/** Polls until `check` holds (at most `ms`). */
export async function until(
  what: string,
  ms: number,
  check: () => boolean | Promise<boolean>,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
