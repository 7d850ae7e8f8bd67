/** Ways to hand a signed transaction to the ledger: a node's own intake, or a node over its peer API. */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { txPostResult } from '../../api.js';
import { LOCAL } from '../../chain.js';
import type { TxIntake } from '../../intake.js';
import type { PeerClient, PostResult } from '../../peer-client.js';
import type { SubmitTx } from './engine.js';

const NO_ANSWER: PostResult = { ok: false, code: 'TX_INVALID', message: 'the ledger gave no answer' };

/** Submits through the node's intake (local origin): resolves once the transaction is durable. */
export function intakeSubmit(intake: TxIntake): SubmitTx {
  return async (tx: JsonValue) => {
    const [r] = await intake.submit([tx], LOCAL);
    return r === undefined ? NO_ANSWER : txPostResult(r);
  };
}

/** Submits to a node over its peer API (throws `PeerUnreachable` when the node does not answer). */
export function peerSubmit(client: PeerClient): SubmitTx {
  return async (tx: JsonValue) => (await client.postTxs([tx]))[0] ?? NO_ANSWER;
}
