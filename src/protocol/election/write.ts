/** JSON form of an election definition: the exact object carried by the genesis and fingerprinted. */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import { manifestToJson } from '../manifest.js';
import type { ElectionDefinition } from './definition.js';
import { eligibilityConfigToJson } from './eligibility-config.js';
import { scheduleToJson } from './schedule.js';

/** The definition as JSON; `readElection(electionToJson(d))` gives back `d`. */
export function electionToJson(d: ElectionDefinition): JsonObject {
  return {
    id: d.id,
    manifest: manifestToJson(d.manifest),
    schedule: scheduleToJson(d.schedule),
    scheme: d.scheme,
    eligibility: eligibilityConfigToJson(d.eligibility),
    revote: d.revote,
    boxes: d.boxes.map((b) => ({ id: b.id, key: b.key, url: b.url })),
    validators: [...d.validators],
    quorum: d.quorum,
    hardness: d.hardness,
    trustees: {
      n: d.trustees.n,
      k: d.trustees.k,
      members: d.trustees.members.map((m) => ({ index: m.index, name: m.name, key: m.key })),
    },
    registrar: d.registrar,
    roll: { count: d.roll.count, hash: d.roll.hash },
  };
}
