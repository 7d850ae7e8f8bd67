/**
 * A synthetic authority chain for the sync benchmark: `blocks` blocks, each holding one signed note of
 * about 900 characters and approved by two of three validators, written straight into a node's SQLite
 * store (the node re-checks every block when it opens it).
 */
import { join } from 'node:path';
import { createGenesis } from '../cli/genesis.js';
import { toHex } from '../crypto/bytes.js';
import { canonicalJson } from '../crypto/encoding/canonical-json.js';
import { sha256 } from '../crypto/encoding/hash.js';
import { ed25519Native as ed } from '../crypto/node/ed25519-native.js';
import { approvalJson, signApproval } from '../ledger/authority/approval.js';
import { signTx, txId, txJson } from '../ledger/authority/tx.js';
import { type Block, blockId, blockJson, blockText } from '../ledger/block.js';
import { entryLine } from '../ledger/export/format.js';
import { searchNonceSync } from '../ledger/pow.js';
import type { StoredApproval, StoredBlock } from '../ledger/store.js';
import { openStore } from '../store/kysely-store.js';

/** What was written. */
export interface SyntheticChain {
  readonly genesis: Block;
  /** Bytes of canonical JSON of every block after the genesis with its approvals (what sync moves). */
  readonly bytes: number;
}

const key = (label: string) => {
  const sk = sha256(`pnyx bench ${label}`);
  return { sk, pk: toHex(ed.publicKeyFromSecret(sk)) };
};

const validators = [key('v1'), key('v2'), key('v3')];

/** The genesis of the synthetic chain: three fixed validators, quorum 2, dated ten days ago. */
export function syntheticGenesis(hardness: number): Block {
  const time = Date.now() - 10 * 24 * 3600 * 1000;
  return createGenesis({ validators: validators.map((v) => v.pk), quorum: 2, hardness, time });
}

/** Builds `blocks` blocks on `genesis` and stores them for the node `name` (`DATA_DIR/NAME.db`). */
export async function writeSyntheticChain(
  dataDir: string,
  name: string,
  genesis: Block,
  blocks: number,
): Promise<SyntheticChain> {
  const author = key('author');
  const hardness = genesis.content.hardness as number;
  const t0 = genesis.content.time as number;
  const gid = blockId(genesis);
  const store = await openStore({ kind: 'sqlite', file: join(dataDir, `${name}.db`) });
  let bytes = 0;
  try {
    await store.putBlock({ id: gid, height: 0, parent_id: '', json: blockText(genesis), txs: [] });
    let parent = gid;
    const filler = 'x'.repeat(880);
    for (let start = 1; start <= blocks; start += 1000) {
      const rows: StoredBlock[] = [];
      const approvals: StoredApproval[] = [];
      for (let height = start; height < Math.min(blocks + 1, start + 1000); height++) {
        const tx = signTx(ed, author.sk, {
          type: 'note',
          author: author.pk,
          chain: gid,
          body: { text: `${height} ${filler}` },
        });
        const mined = searchNonceSync(
          {
            parent_id: parent,
            miner_name: 'bench',
            content: { height, time: t0 + height, txs: [txJson(tx)] },
          },
          hardness,
        );
        if (!mined.ok) throw new Error(mined.message);
        const id = blockId(mined.value);
        const signed = validators
          .slice(0, 2)
          .map((v) => signApproval(ed, v.sk, { block_id: id, height, validator: v.pk, verdict: 'approve' }));
        rows.push({
          id,
          height,
          parent_id: parent,
          json: blockText(mined.value),
          txs: [{ id: txId(tx), type: 'note', author: author.pk, index: 0 }],
        });
        for (const a of signed)
          approvals.push({
            block_id: id,
            height,
            validator: a.validator,
            verdict: 'approve',
            json: canonicalJson(approvalJson(a)),
          });
        bytes += entryLine({ block: blockJson(mined.value), approvals: signed.map(approvalJson) }).length;
        parent = id;
      }
      await store.writeBatch({ blocks: rows, approvals });
    }
  } finally {
    await store.close();
  }
  return { genesis, bytes };
}
