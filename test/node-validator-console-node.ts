/** A ledger node with a real HTTP server on loopback for the validator console tests. */
import { pino } from 'pino';
import { noteRegistry } from '../src/cli/node-registry.js';
import { ed25519Native as ed } from '../src/crypto/node/ed25519-native.js';
import { systemRng } from '../src/crypto/rng.js';
import { type Block, blockJson } from '../src/ledger/block.js';
import { MemoryStore } from '../src/ledger/memory-store.js';
import { workerPowSearch } from '../src/ledger/node/pow-worker.js';
import { type Client, createClient } from '../src/net/client.js';
import { PEER_CLIENT_ROUTES } from '../src/node/http/peer-client.js';
import { createLedgerServer } from '../src/node/http/server.js';
import { createNode } from '../src/node/node.js';
import { GENESIS, identity, VALIDATOR } from './node-http/harness.js';

/** The admin token of the test nodes. */
export const TOKEN = 'console-test-token-0123456789';
/** The typed client of a ledger node. */
export type Api = Client<typeof PEER_CLIENT_ROUTES>;

/** A started node. */
export interface Started {
  url: string;
  api: Api;
  admin: Api;
  stop(): Promise<void>;
}

/** A node on loopback with a real HTTP server (miner and validator roles when asked). */
export async function start(
  name: string,
  o: {
    validator?: 'auto' | 'manual';
    miner?: boolean;
    adminToken?: string;
    webRoot?: string;
    /** Default: the one-validator genesis of the HTTP tests. */
    genesis?: Block;
  },
): Promise<Started> {
  const roles: ('observer' | 'miner' | 'validator')[] = ['observer'];
  if (o.miner) roles.push('miner');
  if (o.validator) roles.push('validator');
  const built = await createNode<null>({
    name,
    roles,
    store: new MemoryStore(),
    registry: noteRegistry,
    ed,
    identity: o.validator ? VALIDATOR : identity(name),
    logger: pino({ level: 'silent' }),
    now: Date.now,
    rng: systemRng,
    connect: () => {
      throw new Error('no peers here');
    },
    genesis: blockJson(o.genesis ?? GENESIS),
    peers: [],
    ...(o.validator ? { validatorMode: o.validator } : {}),
    ...(o.miner ? { search: workerPowSearch({ threads: 1 }) } : {}),
  });
  if (!built.ok) throw new Error(built.message);
  const node = built.value;
  const server = createLedgerServer({
    node,
    roles,
    ...(node.validator ? { validatorKey: node.validator.key } : {}),
    logger: pino({ level: 'silent' }),
    limits: { rateLimitMax: 100_000 },
    ...(o.adminToken ? { adminToken: o.adminToken } : {}),
    ...(o.webRoot ? { webRoot: o.webRoot } : {}),
  });
  await node.start();
  const url = await server.start();
  return {
    url,
    api: createClient(PEER_CLIENT_ROUTES, url),
    admin: createClient(PEER_CLIENT_ROUTES, url, { adminToken: TOKEN }),
    stop: async () => {
      await server.stop();
      await node.stop();
    },
  };
}
