/**
 * The benchmark election's ledger export, built once per size and cached under the system's temporary
 * directory: a ristretto255 election of one 1-of-5 question (defined in the genesis, hardness 0 so no
 * proof-of-work search, two validators approving every block), one trustee (n-of-n, n = 1), N eligible
 * keys in `voter_keys` records, N ballots through one box in blocks of 1000 (made on worker threads, about
 * 3 ms each), the close, the trustee's partial decryption and the result.
 */
import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { toHex } from '../crypto/bytes.js';
import type { JsonObject, JsonValue } from '../crypto/encoding/canonical-json.js';
import { hashJsonHex, sha256 } from '../crypto/encoding/hash.js';
import { ed25519Native as ed } from '../crypto/node/ed25519-native.js';
import { loadFastRistretto } from '../crypto/node/ristretto.js';
import { unwrap } from '../crypto/result.js';
import { systemRng as rng } from '../crypto/rng.js';
import { createTrusteeKey, trusteeKeyToJson } from '../crypto/threshold/n-of-n.js';
import { approvalJson, signApproval } from '../ledger/authority/approval.js';
import { signTx, type Tx, txId, txJson } from '../ledger/authority/tx.js';
import { type Block, blockId, blockJson } from '../ledger/block.js';
import { TALLY_DOMAIN } from '../ledger/election/rule-result.js';
import { entryLine, headerLine } from '../ledger/export/format.js';
import { partialDecryptionBody } from '../protocol/ceremony/decryption.js';
import { buildElection } from '../protocol/election/build.js';
import { electionFingerprint } from '../protocol/election/fingerprint.js';
import { electionToJson } from '../protocol/election/write.js';
import { elgamalScheme } from '../protocol/elgamal-scheme.js';
import {
  createVoterKeys,
  MAX_VOTERS_PER_RECORD,
  voterKeysToJson,
} from '../protocol/eligibility/voter-keys.js';
import { resultsFromCounts, resultsToJson } from '../protocol/results.js';
import { tallyToJson } from '../protocol/tally.js';
import { ONE_OF_FIVE } from './fixtures.js';

/** What each ballot worker loads. */
export interface BallotSpec {
  readonly election: JsonObject;
  readonly key: JsonValue;
  readonly boxSecret: string;
  readonly chain: string;
}

/** One job: voters `from` ≤ i < `to`, received at `time`. */
export interface BallotJob {
  readonly id: number;
  readonly from: number;
  readonly to: number;
  readonly time: number;
}

/** A job's transactions and per-option randomness sums. */
export interface BallotsDone {
  readonly id: number;
  readonly txs: readonly JsonValue[];
  readonly randomness: readonly bigint[];
}

/** Ballots per block. */
const PER_BLOCK = 1000;
/** `voter_keys` records per block. */
const RECORDS_PER_BLOCK = 25;
const T0 = 1_900_000_000_000;
const OPENS = T0 + 60_000;
const CLOSES = OPENS + 24 * 3_600_000;
/** Bumped whenever the layout below changes, so a stale cached file is not reused. */
const LAYOUT = 1;

/** Voter i's Ed25519 seed. */
export function voterSecret(i: number): Uint8Array {
  return sha256(`pnyx bench verify voter ${i}`);
}

const person = (name: string) => {
  const sk = sha256(`pnyx bench verify ${name}`);
  return { sk, pk: toHex(ed.publicKeyFromSecret(sk)) };
};

function workerUrl(): URL {
  const here = new URL('./verify-ballots-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const twin = fileURLToPath(here).replace(/\/src\/bench\//, '/dist/bench/');
  if (!existsSync(twin)) throw new Error(`${twin} is missing: build the project first (npm run build)`);
  return pathToFileURL(twin);
}

/** Makes every ballot block's transactions on worker threads, yielding them in order. */
async function* ballotBlocks(spec: BallotSpec, n: number, times: (b: number) => number) {
  const size = Math.max(1, availableParallelism());
  const workers = Array.from({ length: size }, () => new Worker(workerUrl(), { workerData: spec }));
  const waiting = new Map<number, { resolve: (d: BallotsDone) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  for (const w of workers) {
    w.on('message', (d: BallotsDone) => {
      waiting.get(d.id)?.resolve(d);
      waiting.delete(d.id);
    });
    w.on('error', failAll);
  }
  const blocks = Math.ceil(n / PER_BLOCK);
  const job = (b: number): Promise<BallotsDone> =>
    new Promise((resolve, reject) => {
      waiting.set(b, { resolve, reject });
      const w = workers[b % size]!;
      w.postMessage({ id: b, from: b * PER_BLOCK, to: Math.min(n, (b + 1) * PER_BLOCK), time: times(b) });
    });
  try {
    const ahead: Promise<BallotsDone>[] = [];
    for (let b = 0; b < Math.min(blocks, size * 2); b++) ahead.push(job(b));
    for (let b = 0; b < blocks; b++) {
      const done = await ahead[b]!;
      if (b + size * 2 < blocks) ahead.push(job(b + size * 2));
      yield done;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The cached export file of an election with `n` ballots, built if absent (minutes for 100,000). */
export async function benchLedgerExport(
  n: number,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const file = join(tmpdir(), `pnyx-bench-verify-v${LAYOUT}-${n}.jsonl`);
  if (existsSync(file)) return file;
  const G = await loadFastRistretto();
  const [registrar, box, trustee, v1, v2] = ['registrar', 'box', 'trustee', 'v1', 'v2'].map(person) as [
    ReturnType<typeof person>,
    ...ReturnType<typeof person>[],
  ];
  const validators = [v1!, v2!];
  const def = unwrap(
    buildElection({
      id: 'bench-verify',
      manifest: ONE_OF_FIVE,
      schedule: { opens_at: OPENS, closes_at: CLOSES },
      boxes: [{ id: 'box', key: box!.pk, url: 'https://box.example.org/' }],
      validators: validators.map((v) => v.pk),
      quorum: 2,
      hardness: 0,
      trustees: { n: 1, k: 1, members: [{ index: 1, name: 'trustee', key: trustee!.pk }] },
      registrar: registrar.pk,
      roll: { count: n, hash: '00'.repeat(32) },
    }),
  );
  const fp = electionFingerprint(def);
  const content: JsonObject = {
    profile: 'authority',
    hardness: 0,
    quorum: 2,
    validators: validators.map((v) => v.pk),
    time: T0,
    registrar: registrar.pk,
    election: electionToJson(def),
  };
  const genesis: Block = { parent_id: '', miner_name: 'registrar', nonce: 0, content };
  const chain = blockId(genesis);
  const tx = (who: { sk: Uint8Array; pk: string }, type: string, body: JsonValue): Tx =>
    signTx(ed, who.sk, { type, author: who.pk, chain, body });
  const tmp = `${file}.partial`;
  const out = createWriteStream(tmp);
  const write = (line: string) =>
    new Promise<void>((resolve, reject) => out.write(`${line}\n`, (e) => (e ? reject(e) : resolve())));
  const blocks = 1 + Math.ceil(n / MAX_VOTERS_PER_RECORD / RECORDS_PER_BLOCK) + Math.ceil(n / PER_BLOCK) + 3;
  await write(headerLine({ profile: 'authority', genesis: chain, blocks: blocks + 1 }));
  await write(entryLine({ block: blockJson(genesis), approvals: [] }));
  let parent = chain;
  let height = 0;
  const block = async (time: number, txs: readonly JsonValue[]) => {
    height++;
    const b: Block = {
      parent_id: parent,
      miner_name: 'miner',
      nonce: 0,
      content: { height, time, txs: [...txs] },
    };
    const id = blockId(b);
    const approvals = validators.map((v) =>
      approvalJson(signApproval(ed, v.sk, { block_id: id, height, validator: v.pk, verdict: 'approve' })),
    );
    await write(entryLine({ block: blockJson(b), approvals }));
    parent = id;
  };
  // The key ceremony: one trustee, n-of-n.
  const k = createTrusteeKey(G, { fingerprint: fp }, 1, rng);
  await block(T0 + 1000, [txJson(tx(trustee!, 'trustee_key', trusteeKeyToJson(G, k.publicKey)))]);
  // Eligibility: every voter's key, 1000 to a record.
  let records: JsonValue[] = [];
  for (let i = 0; i < n; i += MAX_VOTERS_PER_RECORD) {
    const entries = [];
    for (let j = i; j < Math.min(n, i + MAX_VOTERS_PER_RECORD); j++)
      entries.push({ key: toHex(ed.publicKeyFromSecret(voterSecret(j))), boxes: ['box'] });
    records.push(
      txJson(tx(registrar, 'voter_keys', voterKeysToJson(createVoterKeys(ed, registrar.sk, fp, entries)))),
    );
    if (records.length === RECORDS_PER_BLOCK) {
      await block(T0 + 2000 + height, records);
      records = [];
    }
  }
  if (records.length > 0) await block(T0 + 2000 + height, records);
  // The ballots, on worker threads.
  const spec: BallotSpec = {
    election: electionToJson(def),
    key: G.toJson(k.publicKey.pk),
    boxSecret: toHex(box!.sk),
    chain,
  };
  const scheme = elgamalScheme(G, k.publicKey.pk);
  const sums: bigint[][] = [[], [], [], [], []];
  const time = (b: number) => OPENS + 1000 * (b + 1);
  let made = 0;
  for await (const done of ballotBlocks(spec, n, time)) {
    for (const [o, r] of done.randomness.entries()) sums[o]!.push(r);
    await block(time(done.id), done.txs);
    made += done.txs.length;
    if (done.id % 10 === 9) log(`  ${made} of ${n} ballots made`);
  }
  // The close, the decryption (tally = Σ encrypt(m_i, r_i) = encrypt(Σ m_i, Σ r_i)), the result.
  const end = time(Math.ceil(n / PER_BLOCK)) + 1000;
  await block(end, [txJson(tx(registrar, 'close', { election: fp }))]);
  const counts = [0, 1, 2, 3, 4].map((o) => BigInt(Math.floor(n / 5) + (o < n % 5 ? 1 : 0)));
  const tally = [counts.map((m, o) => scheme.encrypt(m, scheme.sumRandomness(sums[o]!)))];
  const partial = tx(trustee!, 'partial_decryption', partialDecryptionBody(G, fp, tally, 1, k.sk, rng));
  await block(end + 1000, [txJson(partial)]);
  const result = {
    election: fp,
    ballots: n,
    tally: hashJsonHex([TALLY_DOMAIN, tallyToJson(scheme, tally)]),
    decryptions: [txId(partial)],
    results: resultsToJson(resultsFromCounts(def.manifest, [counts])),
  };
  await block(end + 2000, [txJson(tx(registrar, 'result', result))]);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  if (height !== blocks) throw new Error(`built ${height} blocks, announced ${blocks}`);
  renameSync(tmp, file);
  return file;
}
