/**
 * What the results pages read from the home node: the election status (phase, counts, the published
 * result) and the election's manifest, from the `election` transaction on the ledger.
 */
import type { Static } from '@sinclair/typebox';
import { isJsonObject } from '../../../../src/crypto/encoding/canonical-json.js';
import type { ElectionStatusSchema } from '../../../../src/node/election/routes.js';
import { type Manifest, readManifest } from '../../../../src/protocol/manifest.js';
import { electionClient, ledgerClient } from '../../api/clients.js';

/** The answer of `GET /election/status`. */
export type ElectionStatus = Static<typeof ElectionStatusSchema>;

/** One question's counts, in manifest order. */
export interface QuestionCounts {
  readonly id: string;
  readonly counts: readonly (readonly [option: string, votes: number])[];
}

/** The election status of the home node. */
export function readStatus(): Promise<ElectionStatus> {
  return electionClient().electionStatus();
}

/** The manifest of the election defined on the home node's ledger, if one is. */
export async function readElectionManifest(): Promise<Manifest | undefined> {
  const ledger = ledgerClient();
  const page = await ledger.txs({ query: { type: 'election', limit: 1 } });
  const row = page.txs[0];
  if (!row) return undefined;
  const view = await ledger.tx({ params: { id: row.id } });
  const body = view.tx.body;
  const m = readManifest(isJsonObject(body) ? body.manifest : undefined);
  return m.ok ? m.value : undefined;
}

/** The published results (`src/protocol/results.ts` JSON) as numbers; undefined when absent or malformed. */
export function countsOf(results: unknown): QuestionCounts[] | undefined {
  if (!isJsonObject(results) || !Array.isArray(results.questions)) return undefined;
  const out: QuestionCounts[] = [];
  for (const q of results.questions) {
    if (!isJsonObject(q) || typeof q.id !== 'string' || !Array.isArray(q.counts)) return undefined;
    const counts: (readonly [string, number])[] = [];
    for (const c of q.counts) {
      if (!Array.isArray(c) || typeof c[0] !== 'string') return undefined;
      const n = Number(c[1]);
      if (!Number.isSafeInteger(n) || n < 0) return undefined;
      counts.push([c[0], n]);
    }
    out.push({ id: q.id, counts });
  }
  return out;
}
