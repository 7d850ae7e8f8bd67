/**
 * Worker-thread entry that makes the benchmark's ballot transactions: for each voter index in a job, the
 * voter's 1-of-5 cast (option index mod 5), the box's receipt and its signed `ballot` transaction. It
 * answers `{id, txs, randomness}`: the transactions as JSON and, per option, the sum of the encryption
 * randomness (so the main thread derives the exact tally without decoding a ciphertext).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fromHex, toHex } from '../crypto/bytes.js';
import type { JsonValue } from '../crypto/encoding/canonical-json.js';
import { ed25519Native as ed } from '../crypto/node/ed25519-native.js';
import { unwrap } from '../crypto/result.js';
import { systemRng } from '../crypto/rng.js';
import { signTx, txJson } from '../ledger/authority/tx.js';
import { ballotBody } from '../ledger/election/rule-ballot.js';
import { castToJson } from '../protocol/cast/cast.js';
import { createCast } from '../protocol/cast/create.js';
import { createReceipt, receiptToJson } from '../protocol/cast/receipt.js';
import { loadCastContext } from '../verify/backends.js';
import { type BallotJob, type BallotSpec, type BallotsDone, voterSecret } from './verify-ledger.js';

const port = parentPort;
if (port === null) throw new Error('verify-ballots-worker.js runs only as a worker thread');
const spec = workerData as BallotSpec;
const { context } = unwrap(await loadCastContext({ election: spec.election, key: spec.key }, ed));
const boxSecret = unwrap(fromHex(spec.boxSecret));
const boxKey = toHex(ed.publicKeyFromSecret(boxSecret));
port.on('message', (job: BallotJob) => {
  const txs: JsonValue[] = [];
  const rs: bigint[][] = [[], [], [], [], []];
  for (let i = job.from; i < job.to; i++) {
    const plaintext = [[0, 1, 2, 3, 4].map((o) => (o === i % 5 ? 1 : 0))];
    const c = unwrap(createCast(context, { voterSecret: voterSecret(i), plaintext }, systemRng));
    for (const [o, r] of c.secrets.randomness[0]!.entries()) rs[o]!.push(r);
    const receipt = createReceipt(ed, boxSecret, { tracker: c.tracker, box: 'box', received_at: job.time });
    const body = ballotBody('box', castToJson(c.cast), receiptToJson(receipt));
    txs.push(txJson(signTx(ed, boxSecret, { type: 'ballot', author: boxKey, chain: spec.chain, body })));
  }
  const randomness = rs.map((r) => context.ballot.scheme.sumRandomness(r));
  port.postMessage({ id: job.id, txs, randomness } satisfies BallotsDone);
});
