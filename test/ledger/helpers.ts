/** Shared fixtures of the ledger tests: keys, a toy registry, genesis and block builders. */
import { toHex } from '../../src/crypto/bytes.js';
import type { JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import { sha256 } from '../../src/crypto/encoding/hash.js';
import { ed25519Native } from '../../src/crypto/node/ed25519-native.js';
import { fail, OK } from '../../src/crypto/result.js';
import { AuthorityLedger } from '../../src/ledger/authority/ledger.js';
import { createRegistry, type TxRegistry } from '../../src/ledger/authority/registry.js';
import { signTx, type Tx, txJson } from '../../src/ledger/authority/tx.js';
import { type Block, blockId, blockJson } from '../../src/ledger/block.js';
import { lfail } from '../../src/ledger/errors.js';
import { MemoryStore } from '../../src/ledger/memory-store.js';
import { searchNonceSync } from '../../src/ledger/pow.js';
import type { LedgerStore } from '../../src/ledger/store.js';

export const ed = ed25519Native;

/** A deterministic key pair from a label. */
export function keyPair(label: string): { sk: Uint8Array; pk: string } {
  const sk = sha256(`pnyx test key ${label}`);
  return { sk, pk: toHex(ed.publicKeyFromSecret(sk)) };
}

export const V = [keyPair('v1'), keyPair('v2'), keyPair('v3')];
export const ALICE = keyPair('alice');
export const BOB = keyPair('bob');

/** Toy state: who voted. */
export type VoteState = ReadonlySet<string>;

/** A toy registry: `note` (any text, always allowed) and `vote` (once per author). */
export const registry: TxRegistry<VoteState> = createRegistry<VoteState>(
  () => new Set(),
  [
    {
      type: 'note',
      checkBody: (b) =>
        typeof b === 'object' && b !== null && !Array.isArray(b) && typeof b.text === 'string'
          ? OK
          : fail('ENCODING_INVALID', 'a note body is {text}'),
      allowed: () => OK,
      apply: (s) => s,
    },
    {
      type: 'vote',
      checkBody: (b) => (b === 0 || b === 1 ? OK : fail('BALLOT_INVALID', 'a vote is 0 or 1')),
      allowed: (s, tx) => (s.has(tx.author) ? lfail('TX_NOT_ALLOWED', 'already voted') : OK),
      apply: (s, tx) => new Set([...s, tx.author]),
    },
  ],
);

export const T0 = 1_700_000_000_000;
export const HARDNESS = 6;

/** Mines a block with the synchronous reference search. */
export function mine(b: Omit<Block, 'nonce'>, hardness = HARDNESS): Block {
  const r = searchNonceSync(b, hardness);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Mines a block whose id does NOT meet the proof of work. */
export function mineBad(b: Omit<Block, 'nonce'>): Block {
  for (let nonce = 0; ; nonce++) if (!blockId({ ...b, nonce }).startsWith('0')) return { ...b, nonce };
}

/** An authority genesis block. */
export function genesisBlock(extra: Record<string, JsonValue> = {}): Block {
  return mine({
    parent_id: '',
    miner_name: 'registrar',
    content: {
      profile: 'authority',
      hardness: HARDNESS,
      quorum: 2,
      validators: V.map((v) => v.pk),
      time: T0,
      ...extra,
    },
  });
}

export const GENESIS = genesisBlock();
export const GENESIS_ID = blockId(GENESIS);

/** A signed transaction of this ledger. */
export function tx(
  author: { sk: Uint8Array; pk: string },
  type: string,
  body: JsonValue,
  chain = GENESIS_ID,
): Tx {
  return signTx(ed, author.sk, { type, author: author.pk, chain, body });
}

/** A mined block on a parent. */
export function child(
  parent: { id: string; height: number },
  txs: readonly Tx[] = [],
  time = T0 + 1000 * (parent.height + 1),
  miner = 'm1',
): { id: string; block: Block; json: JsonValue } {
  const block = mine({
    parent_id: parent.id,
    miner_name: miner,
    content: { height: parent.height + 1, time, txs: txs.map(txJson) },
  });
  return { id: blockId(block), block, json: blockJson(block) };
}

/** Opens a ledger over a store at a fixed clock. */
export async function openLedger(store: LedgerStore = new MemoryStore(), genesis: Block = GENESIS) {
  const r = await AuthorityLedger.open(store, {
    registry,
    ed,
    now: () => T0 + 1_000_000,
    genesis: blockJson(genesis),
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
