/** The handlers of {@link BALLOT_BOX_ROUTES} over a {@link BallotBox}. */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { ok } from '../../../crypto/result.js';
import type { Handlers } from '../../../net/handlers.js';
import type { BallotBox } from './box.js';
import type { BallotBoxRoutes } from './routes.js';

/** One handler per route. */
export function ballotBoxHandlers(box: BallotBox): Handlers<BallotBoxRoutes> {
  return {
    boxCast: async ({ body }) => {
      const r = await box.cast(body as JsonValue);
      return r.ok ? ok(r.value) : r;
    },
    boxAudit: async ({ body }) => {
      const r = await box.audit(body as JsonValue);
      return r.ok ? ok({ ...r.value, plaintext: r.value.plaintext.map((q) => [...q]) }) : r;
    },
    boxRecord: async ({ params }) => box.record(params.tracker),
    boxSum: async () => ok(await box.sum()),
    boxStatus: async () => ok(await box.status()),
  };
}
