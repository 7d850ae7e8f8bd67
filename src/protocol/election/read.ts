/**
 * Strict reader of the election definition. Unknown fields anywhere are rejected; every failure has the
 * code `ELECTION_INVALID` except those of the manifest, which keep `MANIFEST_INVALID`.
 */
import { fail, ok, type Result, within } from '../../crypto/result.js';
import { readManifest } from '../manifest.js';
import { readBoxes } from './boxes.js';
import { ELECTION_LIMITS, ELECTION_SCHEMES, type ElectionDefinition, REVOTE_POLICIES } from './definition.js';
import { readEligibilityConfig } from './eligibility-config.js';
import { checkDistinct, readEnum, readId, readInt, readList, readObject, readPublicKey } from './fields.js';
import { readRollCommitment } from './roll.js';
import { readSchedule } from './schedule.js';
import { readTrustees } from './trustees.js';

const C = 'ELECTION_INVALID';

/** The fields of a definition, all required. */
export const ELECTION_FIELDS = [
  'id',
  'manifest',
  'schedule',
  'scheme',
  'eligibility',
  'revote',
  'boxes',
  'validators',
  'quorum',
  'hardness',
  'trustees',
  'registrar',
  'roll',
] as const;

function readValidators(v: unknown): Result<string[]> {
  const keys = readList(C, v, 'validators', 1, ELECTION_LIMITS.validators, (x, w) => readPublicKey(C, x, w));
  if (!keys.ok) return keys;
  const d = checkDistinct(C, keys.value, 'validators', (k) => k);
  return d.ok ? keys : d;
}

/** Strictly reads and validates an election definition from untrusted JSON. Never throws. */
export function readElection(v: unknown): Result<ElectionDefinition> {
  const o = readObject(C, v, 'election', ELECTION_FIELDS);
  if (!o.ok) return o;
  const e = o.value;
  const id = readId(C, e.id, 'id');
  if (!id.ok) return id;
  const manifest = readManifest(e.manifest);
  if (!manifest.ok) return within('manifest', manifest);
  const schedule = readSchedule(e.schedule);
  if (!schedule.ok) return schedule;
  const scheme = readEnum(C, e.scheme, 'scheme', ELECTION_SCHEMES);
  if (!scheme.ok) return scheme;
  const eligibility = readEligibilityConfig(e.eligibility);
  if (!eligibility.ok) return eligibility;
  const revote = readEnum(C, e.revote, 'revote', REVOTE_POLICIES);
  if (!revote.ok) return revote;
  const boxes = readBoxes(e.boxes);
  if (!boxes.ok) return boxes;
  const validators = readValidators(e.validators);
  if (!validators.ok) return validators;
  // Quorum: a majority of the validators, so two conflicting blocks can never both be final.
  const n = validators.value.length;
  const quorum = readInt(C, e.quorum, 'quorum', 1, n);
  if (!quorum.ok) return quorum;
  if (2 * quorum.value <= n) return fail(C, `quorum must be more than half of the ${n} validators`);
  const hardness = readInt(C, e.hardness, 'hardness', 0, ELECTION_LIMITS.maxHardness);
  if (!hardness.ok) return hardness;
  const trustees = readTrustees(e.trustees, scheme.value);
  if (!trustees.ok) return trustees;
  const registrar = readPublicKey(C, e.registrar, 'registrar');
  if (!registrar.ok) return registrar;
  const roll = readRollCommitment(e.roll);
  if (!roll.ok) return roll;
  return ok({
    id: id.value,
    manifest: manifest.value,
    schedule: schedule.value,
    scheme: scheme.value,
    eligibility: eligibility.value,
    revote: revote.value,
    boxes: boxes.value,
    validators: validators.value,
    quorum: quorum.value,
    hardness: hardness.value,
    trustees: trustees.value,
    registrar: registrar.value,
    roll: roll.value,
  });
}
