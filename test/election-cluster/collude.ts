/**
 * What the verifier sees when the miner and a quorum of validators let a refused record through: the
 * export of a finished election with one block appended that holds a transaction every honest node
 * refused (e.g. a trustee's wrong partial decryption), mined and approved by the validator's key. The
 * chain is then unbroken and final, so the verifier's other checks see the record as if it were real.
 * A block can also be inserted before the close (the later blocks mined and approved again), e.g. with the
 * altered ballots a cheating box tried to forward.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { canonicalJson, type JsonObject, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { ed25519Native } from '../../src/crypto/node/ed25519-native.js';
import { approvalJson, signApproval } from '../../src/ledger/authority/approval.js';
import { signTx, type Tx, txId, txJson } from '../../src/ledger/authority/tx.js';
import { type Block, blockId, blockJson } from '../../src/ledger/block.js';
import { searchNonceSync } from '../../src/ledger/pow.js';
import type { NodeIdentity } from '../../src/node/keys.js';
import { recordTx } from '../../src/node/roles/ballot-box/txs.js';
import type { RecordRow } from '../../src/store/ballot-box/records.js';
import { HARDNESS } from './cluster.js';

/** Signs `{type, body}` by `author` for the ledger `chain`. */
export function forgeTx(author: NodeIdentity, chain: string, type: string, body: unknown): Tx {
  return signTx(ed25519Native, author.secretKey, {
    type,
    author: author.publicKey,
    chain,
    body: body as never,
  });
}

/** Appends a block holding `txs`, approved by `validator`, to the export `from`; writes `to`. */
export function appendApprovedBlock(
  from: string,
  to: string,
  txs: readonly Tx[],
  validator: NodeIdentity,
): { blockId: string; height: number; txIds: string[] } {
  const lines = readFileSync(from, 'utf8').trim().split('\n');
  const header = parse(lines[0]!);
  const last = parse(lines[lines.length - 1]!).block as JsonObject;
  const lastContent = last.content as JsonObject;
  const height = Number(lastContent.height) + 1;
  const mined = searchNonceSync(
    {
      parent_id: blockId(last as unknown as Block),
      miner_name: 'colluding-miner',
      content: { height, time: Number(lastContent.time) + 1, txs: txs.map((t) => txJson(t)) },
    },
    HARDNESS,
  );
  if (!mined.ok) throw new Error(mined.message);
  const id = blockId(mined.value);
  const approval = signApproval(ed25519Native, validator.secretKey, {
    block_id: id,
    height,
    validator: validator.publicKey,
    verdict: 'approve',
  });
  const out = [
    canonicalJson({ ...header, blocks: Number(header.blocks) + 1 }),
    ...lines.slice(1),
    canonicalJson({ approvals: [approvalJson(approval)], block: blockJson(mined.value) }),
  ];
  writeFileSync(to, `${out.join('\n')}\n`);
  return { blockId: id, height, txIds: txs.map((t) => txId(t)) };
}

function parse(line: string): JsonObject {
  const p = parseJson(line);
  if (!p.ok) throw new Error(p.message);
  return p.value as JsonObject;
}

/** The `ballot` transactions box `box` forwards with the `alter` fault, from the rows of its database. */
export function alteredBallotTxs(dbFile: string, box: string, identity: NodeIdentity, chain: string): Tx[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT * FROM box_records WHERE kind = 'cast' ORDER BY seq")
      .all() as RecordRow[];
    return rows.map((row) => recordTx({ ed: ed25519Native, identity, chain, box, alter: true }, row));
  } finally {
    db.close();
  }
}

/**
 * Inserts a block holding `txs` right before the first block with a transaction of type `before` in the
 * export `from`; that block and every later one are mined again on the new parents and approved by
 * `validator` (the only validator of the test ledgers). Writes `to`.
 */
export function insertApprovedBlock(
  from: string,
  to: string,
  txs: readonly Tx[],
  validator: NodeIdentity,
  before: string,
): { height: number; txIds: string[] } {
  const lines = readFileSync(from, 'utf8').trim().split('\n');
  const header = parse(lines[0]!);
  const entries = lines.slice(1).map((l) => parse(l));
  const at = entries.findIndex((e) =>
    ((((e.block as JsonObject).content as JsonObject).txs ?? []) as JsonObject[]).some(
      (t) => t.type === before,
    ),
  );
  if (at < 1) throw new Error(`no block holds a ${before} transaction`);
  const prev = (entries[at - 1]!.block as JsonObject).content as JsonObject;
  const contents: { miner: string; content: JsonObject }[] = [
    {
      miner: 'colluding-miner',
      content: { height: 0, time: Number(prev.time), txs: txs.map((t) => txJson(t)) },
    },
    ...entries.slice(at).map((e) => {
      const b = e.block as JsonObject;
      return { miner: String(b.miner_name), content: b.content as JsonObject };
    }),
  ];
  let parent = blockId(entries[at - 1]!.block as unknown as Block);
  let height = Number(prev.height);
  const out = [...lines.slice(1, at + 1)];
  for (const c of contents) {
    height += 1;
    const mined = searchNonceSync(
      { parent_id: parent, miner_name: c.miner, content: { ...c.content, height } },
      HARDNESS,
    );
    if (!mined.ok) throw new Error(mined.message);
    parent = blockId(mined.value);
    const approval = signApproval(ed25519Native, validator.secretKey, {
      block_id: parent,
      height,
      validator: validator.publicKey,
      verdict: 'approve',
    });
    out.push(canonicalJson({ approvals: [approvalJson(approval)], block: blockJson(mined.value) }));
  }
  writeFileSync(
    to,
    `${[canonicalJson({ ...header, blocks: Number(header.blocks) + 1 }), ...out].join('\n')}\n`,
  );
  return { height: Number(prev.height) + 1, txIds: txs.map((t) => txId(t)) };
}
