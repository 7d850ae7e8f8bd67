/** Storing a publication and marking what it carries, in one database transaction. */
import { canonicalJson } from '../../../../crypto/encoding/canonical-json.js';
import { type Tx, txId, txJson } from '../../../../ledger/authority/tx.js';
import { insertPublication, markPublished } from '../../../../store/registrar/elections.js';
import type { RegistrarContext } from '../context.js';
import type { LoadedElection } from '../elections.js';

/** Stores `tx` as a pending publication of `e` carrying the registrations of `voterIds`. */
export async function storePublication(
  c: RegistrarContext,
  e: LoadedElection,
  tx: Tx,
  voterIds: readonly number[],
): Promise<void> {
  const now = c.now();
  await c.db.db.transaction().execute(async (t) => {
    const seq = await insertPublication(
      t,
      { election_id: e.definition.id, type: tx.type, tx_id: txId(tx), tx: canonicalJson(txJson(tx)) },
      now,
    );
    if (voterIds.length > 0) await markPublished(t, e.definition.id, voterIds, seq);
  });
}
