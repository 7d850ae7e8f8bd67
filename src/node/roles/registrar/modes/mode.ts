/**
 * The registrar side of an eligibility mode. Each mode answers an authenticated voter's request for an
 * election (`register`: record what the voter obtained and answer it), and turns what it recorded into
 * ledger transactions (`publish`). Identity keys and blind tokens implement it; SharedBallot (seed 004)
 * slots in as a third: its `register` joins the voter to a round and answers the round key, and its
 * `publish` emits the finished `sharedballot_block` records.
 *
 * The shared preconditions (the election is in this mode, the voter is on its roll, registration is
 * open) are checked by {@link checkGate} before `register` runs. `register` changes nothing on failure.
 */
import { ok } from '../../../../crypto/result.js';
import type { Tx } from '../../../../ledger/authority/tx.js';
import type { EligibilityMode } from '../../../../protocol/election/definition.js';
import { onRoll } from '../../../../store/registrar/elections.js';
import type { RegistrarContext } from '../context.js';
import type { LoadedElection } from '../elections.js';
import { type RegResult, refuse } from '../errors.js';

/** One eligibility mode on the registrar. `Req` is what the voter sends, `Res` what it gets back. */
export interface EligibilityModeService<Req, Res> {
  readonly mode: EligibilityMode;
  /** Records the voter's request and answers it. Nothing is recorded when it fails. */
  register(election: LoadedElection, voterId: number, request: Req): Promise<RegResult<Res>>;
  /**
   * Makes the signed ledger transactions that publish what is recorded but not yet published, stores
   * them as pending publications (so a crash cannot lose or change them), and returns them.
   */
  publish(election: LoadedElection): Promise<Tx[]>;
}

/** Is registration open at `now`: inside `schedule.registration`, or before the polls close without one. */
export function registrationOpen(e: LoadedElection, now: number): boolean {
  const s = e.definition.schedule;
  return s.registration
    ? s.registration.opens_at <= now && now < s.registration.closes_at
    : now < s.closes_at;
}

/** The preconditions of every mode: `MODE_MISMATCH`, `REGISTRATION_CLOSED`, `NOT_ON_ROLL`. */
export async function checkGate(
  c: RegistrarContext,
  e: LoadedElection,
  mode: EligibilityMode,
  voterId: number,
): Promise<RegResult<true>> {
  if (e.definition.eligibility.mode !== mode)
    return refuse(
      'MODE_MISMATCH',
      `election "${e.definition.id}" uses ${e.definition.eligibility.mode}, not ${mode}`,
    );
  if (!registrationOpen(e, c.now())) return refuse('REGISTRATION_CLOSED', 'registration is not open');
  if (!(await onRoll(c.db.db, e.definition.id, voterId)))
    return refuse('NOT_ON_ROLL', 'this voter is not on the roll of this election');
  return ok(true);
}
