/**
 * Before any node starts: a fresh data folder, every node's identity key (the same key file `pnyx node`
 * would create), the admin token file, and the genesis of the election's ledger — the validators, quorum
 * 2, a low proof-of-work hardness and the registrar's key, so that the registrar defines the election by
 * its first transaction once the voter roll is imported.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHex } from '../crypto/bytes.js';
import type { JsonObject } from '../crypto/encoding/canonical-json.js';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { systemRng } from '../crypto/rng.js';
import { decodeAuthorityGenesis } from '../ledger/authority/genesis.js';
import { type Block, blockId, blockJson, blockText } from '../ledger/block.js';
import { searchNonceSync } from '../ledger/pow.js';
import { loadOrCreateIdentity } from '../node/keys.js';
import type { DemoLayout } from './layout.js';

/** Proof-of-work hardness of the demo ledger (leading zero bits; a few hundred hashes a block). */
export const DEMO_HARDNESS = 6;

/** What the setup wrote. */
export interface DemoFiles {
  readonly dir: string;
  readonly genesisFile: string;
  readonly genesisId: string;
  readonly tokenFile: string;
  readonly adminToken: string;
  /** Public key of each node by name. */
  readonly keys: ReadonlyMap<string, string>;
}

/** Empties `dir` (the demo's own folder) and writes keys, token and genesis into it. */
export function prepareFiles(dir: string, layout: DemoLayout): DemoFiles {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const keys = new Map<string, string>();
  for (const n of layout.all) {
    const id = loadOrCreateIdentity(join(dir, `${n.name}.key`), ed25519Native, systemRng);
    if (!id.ok) throw new Error(id.message);
    keys.set(n.name, id.value.identity.publicKey);
  }
  const adminToken = toHex(systemRng(32));
  const tokenFile = join(dir, 'admin.token');
  writeFileSync(tokenFile, `${adminToken}\n`, { mode: 0o600 });
  const content: JsonObject = {
    profile: 'authority',
    hardness: DEMO_HARDNESS,
    quorum: 2,
    validators: layout.validators.map((v) => keys.get(v.name) ?? ''),
    time: Date.now() - 1000,
    registrar: keys.get(layout.registrar.name) ?? '',
  };
  const mined = searchNonceSync({ parent_id: '', miner_name: 'genesis', content }, DEMO_HARDNESS);
  if (!mined.ok) throw new Error(mined.message);
  const block: Block = mined.value;
  const checked = decodeAuthorityGenesis(blockJson(block));
  if (!checked.ok) throw new Error(`${checked.code}: ${checked.message}`);
  const genesisFile = join(dir, 'genesis.json');
  writeFileSync(genesisFile, `${blockText(block)}\n`);
  return { dir, genesisFile, genesisId: blockId(block), tokenFile, adminToken, keys };
}
