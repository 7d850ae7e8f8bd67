/**
 * An honest 2-of-3 ristretto255 election built through the election rules (the harness of
 * test/ledger/election), then written as a ledger export whose blocks are re-mined (hardness 0) and
 * approved by two of the three validators — so a test can change any transaction and still produce a
 * well-linked, final chain, as a dishonest miner and validators would.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ciphertext } from '../../src/crypto/elgamal.js';
import type { JsonObject } from '../../src/crypto/encoding/canonical-json.js';
import type { Group } from '../../src/crypto/group/group.js';
import { loadFastRistretto } from '../../src/crypto/node/ristretto.js';
import { unwrap } from '../../src/crypto/result.js';
import { approvalJson, signApproval } from '../../src/ledger/authority/approval.js';
import { type Tx, txJson } from '../../src/ledger/authority/tx.js';
import { blockId, blockJson, decodeBlock } from '../../src/ledger/block.js';
import { CastCache, type ElectionEnv, resultBody } from '../../src/ledger/election/index.js';
import { entryLine, headerLine } from '../../src/ledger/export/format.js';
import { searchNonceSync } from '../../src/ledger/pow.js';
import type { CreatedCast } from '../../src/protocol/cast/create.js';
import { partialDecryptionBody } from '../../src/protocol/ceremony/decryption.js';
import type { CeremonyState } from '../../src/protocol/ceremony/threshold-types.js';
import { secretShare } from '../../src/protocol/ceremony/trustee.js';
import { electionToJson } from '../../src/protocol/election/write.js';
import { createVoterKeys, voterKeysToJson } from '../../src/protocol/eligibility/voter-keys.js';
import type { EncryptedTally } from '../../src/protocol/tally.js';
import {
  BOXES,
  definition,
  ed,
  Harness,
  lunwrap,
  OPENS,
  type Person,
  plain,
  REGISTRAR,
  runThresholdCeremony,
  TRUSTEES,
  VALIDATORS,
  VOTERS,
} from '../ledger/election/harness.js';
import { seededRng } from '../support/rng.js';

/** One block of the export before mining: its time and transactions. */
export interface PlainBlock {
  readonly time: number;
  readonly txs: readonly Tx[];
}

/** The honest election and what tampering tests need from it. */
export interface Election {
  readonly h: Harness;
  readonly G: Group<Uint8Array>;
  readonly genesis: JsonObject;
  readonly blocks: readonly PlainBlock[];
  /** Casts by voter name. */
  readonly casts: ReadonlyMap<string, CreatedCast>;
  /** Trustee l's honest and wrong tally shares as transactions. */
  share(l: number, wrong?: boolean): Tx;
  /** Index in `blocks` of the first block holding a ballot, and of the block holding the result. */
  readonly ballotBlock: number;
  readonly resultBlock: number;
}

export const [boxA, boxB, boxC] = BOXES as [Person, Person, Person];
export const VOTER = Object.fromEntries(VOTERS.map((v) => [v.name, v])) as Record<string, Person>;
export { ed, OPENS, plain, REGISTRAR, TRUSTEES };

/** Runs the honest election (about a second). */
export async function honestElection(): Promise<Election> {
  const G = await loadFastRistretto();
  const rng = seededRng('verify-fixture');
  const env: ElectionEnv = { ed, groups: { ristretto255: G }, cache: new CastCache() };
  const def = definition();
  const h = await Harness.create(env, def);
  await h.post(h.tx(REGISTRAR, 'election', electionToJson(def)));
  const trusteeKeys = await runThresholdCeremony(h, G, rng);
  const all = BOXES.map((b) => b.name);
  const voters = ['ana', 'ben', 'cleo', 'dan', 'eli'].map((n) => ({ key: VOTER[n]!.pk, boxes: all }));
  const record = createVoterKeys(ed, REGISTRAR.sk, h.state().setup!.fingerprint, voters);
  await h.post(h.tx(REGISTRAR, 'voter_keys', voterKeysToJson(record)));
  h.clock = OPENS;
  const casts = new Map<string, CreatedCast>();
  const cast = (name: string, p: ReturnType<typeof plain>, id?: string) => {
    const c = h.cast(VOTER[name]!, p, rng, id);
    casts.set(id ? `${name}-b` : name, c);
    return c;
  };
  const ana = cast('ana', plain(0, true, [0]));
  const ben = cast('ben', plain(1, false, [1, 2]));
  const cleo = cast('cleo', plain(2, true, [3]));
  const cleoB = cast('cleo', plain(4, true, [3]), cleo.cast.ballot_id);
  const dan = cast('dan', plain(3, true, [0, 1]));
  const eli = cast('eli', plain(0, false, [2]));
  await h.post(
    ...[boxA, boxB, boxC].map((b) => h.attest(b, ana)),
    h.attest(boxA, ben),
    h.attest(boxB, ben),
    h.attest(boxA, cleo),
    h.attest(boxB, cleo),
    h.attest(boxC, cleoB),
  );
  await h.post(h.attest(boxA, dan), h.attest(boxC, dan), h.attest(boxA, eli), h.attest(boxB, eli));
  await h.post(h.tx(REGISTRAR, 'close', { election: h.state().setup!.fingerprint }));
  const s = h.state();
  const setup = s.setup!;
  const detail = s.ceremonyView!.detail as CeremonyState<Uint8Array>;
  const tally = s.closing!.tally as EncryptedTally<Ciphertext<Uint8Array>>;
  const share = (l: number, wrong = false): Tx => {
    const x = unwrap(secretShare(G, setup.crypto.context, detail, trusteeKeys[l - 1]!.secrets));
    const body = partialDecryptionBody(G, setup.fingerprint, tally, l, wrong ? (x + 1n) % G.q : x, rng);
    return h.tx(TRUSTEES[l - 1]!, 'partial_decryption', body);
  };
  await h.post(share(1), share(2));
  await h.post(h.tx(REGISTRAR, 'result', lunwrap(resultBody(h.state()))));
  const chain = h.ledger.mainChain();
  const blocks = chain.slice(1).map((n) => ({ time: n.time, txs: n.txs }));
  return {
    h,
    G,
    genesis: blockJson(chain[0]!.block),
    blocks,
    casts,
    share,
    ballotBlock: blocks.findIndex((b) => b.txs.some((t) => t.type === 'ballot')),
    resultBlock: blocks.length - 1,
  };
}

/** Options of {@link exportLines}. */
export interface ExportOptions {
  /** Validators approving each block (default: the first two, the quorum). */
  readonly approvers?: readonly Person[];
  /** Height of a block that gets only one approval. */
  readonly underQuorumAt?: number;
}

/** Mines `blocks` on the genesis (hardness 0) and writes the export lines with the approvals. */
export function exportLines(
  genesis: JsonObject,
  blocks: readonly PlainBlock[],
  o: ExportOptions = {},
): string[] {
  const approvers = o.approvers ?? VALIDATORS.slice(0, 2);
  const genesisId = blockId(lunwrap(decodeBlock(genesis)));
  const entries = [entryLine({ block: genesis, approvals: [] })];
  let parent = genesisId;
  blocks.forEach((b, i) => {
    const height = i + 1;
    const block = lunwrap(
      searchNonceSync(
        { parent_id: parent, miner_name: 'm', content: { height, time: b.time, txs: b.txs.map(txJson) } },
        0,
      ),
    );
    const id = blockId(block);
    const who = o.underQuorumAt === height ? approvers.slice(0, 1) : approvers;
    const approvals = who.map((v) =>
      approvalJson(signApproval(ed, v.sk, { block_id: id, height, validator: v.pk, verdict: 'approve' })),
    );
    entries.push(entryLine({ block: blockJson(block), approvals }));
    parent = id;
  });
  return [headerLine({ profile: 'authority', genesis: genesisId, blocks: blocks.length + 1 }), ...entries];
}

/** Writes lines to a fresh temporary file and returns its path. */
export function writeExport(lines: readonly string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pnyx-verify-test-')), 'ledger.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** `blocks` with block `i`'s transactions replaced by `f(txs)`. */
export function withBlock(
  blocks: readonly PlainBlock[],
  i: number,
  f: (txs: readonly Tx[]) => Tx[],
): PlainBlock[] {
  return blocks.map((b, j) => (j === i ? { ...b, txs: f(b.txs) } : b));
}
