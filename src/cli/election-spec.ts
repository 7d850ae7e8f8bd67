/**
 * The spec file of `pnyx election create`: the election definition (docs/election.md §1) in which
 * `scheme`, `eligibility`, `revote`, `quorum` and `hardness` may be left out (the defaults of
 * `buildElection`) and schedule times may be ISO 8601 strings, plus an optional `genesis` object
 * `{time?, miners?}`. The definition is then read by the strict `readElection`.
 */
import { readFileSync } from 'node:fs';
import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
  parseJson,
} from '../crypto/encoding/canonical-json.js';
import type { Result } from '../crypto/result.js';
import { DEFAULT_HARDNESS } from '../protocol/election/build.js';
import { DEFAULT_SCHEME, type ElectionDefinition } from '../protocol/election/definition.js';
import { readElection } from '../protocol/election/read.js';
import { UsageError } from './client-io.js';

/** A read spec: the definition JSON with defaults filled, and the genesis options. */
export interface ElectionSpec {
  readonly definition: JsonObject;
  readonly time?: number;
  readonly miners?: readonly string[];
}

function millis(v: JsonValue | undefined, where: string): JsonValue | undefined {
  if (typeof v !== 'string') return v;
  const t = Date.parse(v);
  if (!Number.isFinite(t))
    throw new UsageError(`${where} "${v}" is neither milliseconds nor an ISO 8601 time`);
  return t;
}

function windowOf(v: JsonValue | undefined, where: string): JsonValue | undefined {
  if (!isJsonObject(v)) return v;
  const out: JsonObject = { ...v };
  for (const k of ['opens_at', 'closes_at'])
    if (out[k] !== undefined) out[k] = millis(out[k], `${where}.${k}`) as JsonValue;
  return out;
}

/** Reads the spec file; throws {@link UsageError} for an unreadable file or a shape that is not a spec. */
export function readSpecFile(file: string): ElectionSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the spec ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const p = parseJson(text.trim());
  if (!p.ok) throw new UsageError(`${file} is not strict JSON: ${p.message}`);
  if (!isJsonObject(p.value)) throw new UsageError(`${file} must hold a JSON object`);
  const { genesis, ...rest } = p.value;
  const spec: JsonObject = { ...rest };
  // Defaults, as buildElection fills them.
  spec.scheme ??= DEFAULT_SCHEME;
  spec.eligibility ??= { mode: 'identity-keys' };
  spec.revote ??= 'once';
  spec.hardness ??= DEFAULT_HARDNESS;
  if (spec.quorum === undefined && Array.isArray(spec.validators))
    spec.quorum = Math.floor(spec.validators.length / 2) + 1;
  if (isJsonObject(spec.schedule)) {
    const s = windowOf(spec.schedule, 'schedule') as JsonObject;
    if (s.registration !== undefined)
      s.registration = windowOf(s.registration, 'schedule.registration') as JsonValue;
    spec.schedule = s;
  }
  let time: number | undefined;
  let miners: string[] | undefined;
  if (genesis !== undefined) {
    if (!isJsonObject(genesis) || Object.keys(genesis).some((k) => k !== 'time' && k !== 'miners'))
      throw new UsageError('genesis must be {"time"?: ms or ISO time, "miners"?: [name, …]}');
    const t = millis(genesis.time, 'genesis.time');
    if (t !== undefined) {
      if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0)
        throw new UsageError('genesis.time must be a time');
      time = t;
    }
    if (genesis.miners !== undefined) {
      if (!Array.isArray(genesis.miners) || genesis.miners.some((m) => typeof m !== 'string' || m === ''))
        throw new UsageError('genesis.miners must be a list of names');
      miners = genesis.miners as string[];
    }
  }
  return { definition: spec, ...(time === undefined ? {} : { time }), ...(miners ? { miners } : {}) };
}

/** The checked definition of a spec (every code of `readElection`). */
export function specDefinition(s: ElectionSpec): Result<ElectionDefinition> {
  return readElection(s.definition);
}
