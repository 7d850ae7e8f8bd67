/**
 * The Benaloh challenge: the voter makes a ballot exactly as for casting, then, instead of casting it,
 * reveals its plaintext and randomness in an audit record signed by the voting key. The client checks the
 * record itself first — the ballot re-encrypts from the revealed values and holds the intended choices —
 * then publishes it through a ballot box (the first that accepts it; the box forwards it to the ledger).
 * The audited ballot is spoiled: it never counts, and anyone can re-check it from the ledger.
 */
import type { JsonObject } from '../crypto/encoding/canonical-json.js';
import type { AuditBody } from '../node/roles/ballot-box/routes.js';
import { checkAudit, createAudit } from '../protocol/cast/audit.js';
import type { CastContext } from '../protocol/cast/context.js';
import { createCast } from '../protocol/cast/create.js';
import { type Choices, type Plaintext, plaintextToChoices } from '../protocol/selections.js';
import { boxClient } from './boxes.js';
import { boxTargets, type CastOptions, plaintextOf } from './cast.js';
import { asClientError, clientError } from './errors.js';

/** An audited ballot. */
export interface AuditOutcome {
  readonly tracker: string;
  readonly ballotId: string;
  /** The choices the spoiled ballot held, as checked here. */
  readonly choices: Choices;
  /** The box that published the audit, and what it said the ballot held. */
  readonly box: string;
  /** Boxes that refused or failed before one accepted. */
  readonly failures: readonly { box: string; code: string; message: string }[];
  /** The audit record (public: the ballot is spoiled). */
  readonly record: JsonObject;
}

function samePlaintext(a: Plaintext, b: Plaintext): boolean {
  return (
    a.length === b.length &&
    a.every((row, i) => row.length === b[i]!.length && row.every((x, j) => x === b[i]![j]))
  );
}

/**
 * Creates a ballot for `choices`, audits it locally, and publishes the audit through the first box that
 * accepts it. Throws `AUDIT_MISMATCH` if the ballot or a box's answer does not open to the choices, and
 * `NO_RECEIPT` when no box accepts the audit.
 */
export async function auditBallot(
  ctx: CastContext<unknown>,
  choices: Choices,
  o: CastOptions,
): Promise<AuditOutcome> {
  const plaintext = plaintextOf(ctx, choices);
  const targets = boxTargets(ctx, o.boxes);
  const created = createCast(
    ctx,
    { voterSecret: o.voterSecret, plaintext, ...(o.token ? { token: o.token } : {}) },
    o.rng,
  );
  if (!created.ok) throw clientError('USAGE', created.message);
  const record = createAudit(ctx, o.voterSecret, created.value.cast, created.value.secrets);
  // 1. Local check, as anyone will check it: the cast, the audit signature, the re-encryption.
  const checked = checkAudit(ctx, record);
  if (!checked.ok) throw clientError('AUDIT_MISMATCH', `${checked.code}: ${checked.message}`);
  // 2. It opens to what the voter chose.
  if (!samePlaintext(checked.value.plaintext, plaintext))
    throw clientError('AUDIT_MISMATCH', 'the ballot does not hold the chosen options');
  // 3. Publication through the first box that takes it.
  const failures: { box: string; code: string; message: string }[] = [];
  for (const t of targets) {
    try {
      const a = await boxClient(t.url, o).boxAudit({ body: record as AuditBody & JsonObject });
      if (a.tracker !== created.value.tracker || !samePlaintext(a.plaintext as Plaintext, plaintext))
        throw clientError('AUDIT_MISMATCH', `box ${t.id} read another ballot or other choices`);
      return {
        tracker: created.value.tracker,
        ballotId: created.value.cast.ballot_id,
        choices: plaintextToChoices(ctx.election.manifest, plaintext),
        box: t.id,
        failures,
        record,
      };
    } catch (e) {
      const c = asClientError(e, t.id);
      if (c.code === 'AUDIT_MISMATCH') throw c;
      failures.push({ box: t.id, code: c.code, message: c.message });
    }
  }
  throw clientError(
    'NO_RECEIPT',
    `no ballot box published the audit: ${failures.map((f) => f.message).join('; ')}`,
  );
}
