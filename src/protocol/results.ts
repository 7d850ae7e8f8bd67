/**
 * Election results: per question, the count of each option, in manifest order.
 * Wire form: `{"questions":[{"id":"q","counts":[["opt",n],…]},…]}` — counts as [option id, integer]
 * pairs so the order of the manifest is kept.
 */
import type { JsonObject } from '../crypto/encoding/canonical-json.js';
import type { Manifest } from './manifest.js';

/** The result of one question. */
export interface QuestionResult {
  readonly id: string;
  readonly counts: readonly (readonly [optionId: string, count: bigint])[];
}

/** The results of an election. */
export interface ElectionResults {
  readonly questions: readonly QuestionResult[];
}

/** Names decrypted counts (one row per question, one entry per option) by the manifest's ids. */
export function resultsFromCounts(
  manifest: Manifest,
  counts: readonly (readonly bigint[])[],
): ElectionResults {
  return {
    questions: manifest.questions.map((q, qi) => ({
      id: q.id,
      counts: q.options.map((o, oi) => [o.id, counts[qi]![oi]!] as const),
    })),
  };
}

/** JSON form of results. */
export function resultsToJson(r: ElectionResults): JsonObject {
  return { questions: r.questions.map((q) => ({ id: q.id, counts: q.counts.map(([o, n]) => [o, n]) })) };
}
