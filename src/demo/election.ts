/**
 * The demo election: a 1-of-5 question and a yes/no question, the three boxes, the three trustees
 * (threshold 2; a Paillier election has one key holder), and a schedule that opens once the key
 * ceremony can be done and closes well after the voters are expected to have voted (the demo closes
 * early once every ballot is on the ledger; the schedule's close is the fallback).
 */
import type { JsonObject } from '../crypto/encoding/canonical-json.js';
import type { CreateElectionInput } from '../node/election/admin.js';
import type { DemoLayout } from './layout.js';

/** Schemes the demo can run. */
export const DEMO_SCHEMES = ['elgamal-ristretto255', 'elgamal-modp2048', 'paillier'] as const;
/** A demo scheme. */
export type DemoScheme = (typeof DEMO_SCHEMES)[number];
/** Eligibility modes the demo can run. */
export const DEMO_ELIGIBILITY = ['identity-keys', 'blind-tokens'] as const;
/** A demo eligibility mode. */
export type DemoEligibility = (typeof DEMO_ELIGIBILITY)[number];

/** The ballot: question ids and option ids. */
export const DEMO_QUESTIONS = [
  {
    id: 'chair',
    text: 'Who should chair the assembly?',
    options: ['ada', 'bruno', 'chiara', 'dmitri', 'eun'],
  },
  { id: 'budget', text: 'Approve the budget?', options: ['yes', 'no'] },
] as const;

/** The manifest JSON. */
export function demoManifest(): JsonObject {
  return {
    title: 'pnyx demo election',
    questions: DEMO_QUESTIONS.map((q) => ({
      id: q.id,
      text: q.text,
      kind: q.id === 'budget' ? 'yes-no' : 'one-of-n',
      min: 1,
      max: 1,
      options: q.options.map((o) => ({ id: o, text: o[0]!.toUpperCase() + o.slice(1) })),
    })),
  };
}

/** Time from the election's creation to its opening: room for the key ceremony (a Paillier key takes longer). */
export function ceremonyMs(scheme: DemoScheme): number {
  return scheme === 'paillier' ? 35_000 : scheme === 'elgamal-modp2048' ? 28_000 : 24_000;
}

/** The creation request of the demo election. */
export function demoElection(
  layout: DemoLayout,
  keys: ReadonlyMap<string, string>,
  o: { scheme: DemoScheme; eligibility: DemoEligibility; opensAt: number; closesAt: number },
): CreateElectionInput {
  const key = (name: string): string => keys.get(name) ?? '';
  const trustees = o.scheme === 'paillier' ? layout.trustees.slice(0, 1) : layout.trustees;
  return {
    id: `demo-${new Date(o.opensAt).toISOString().slice(0, 19).replace(/[-:T]/g, '')}`,
    manifest: demoManifest(),
    opens_at: o.opensAt,
    closes_at: o.closesAt,
    scheme: o.scheme,
    eligibility: o.eligibility,
    revote: 'once',
    boxes: layout.boxes.map((b) => ({ id: b.name, key: key(b.name), url: b.url })),
    trustees: {
      n: trustees.length,
      k: o.scheme === 'paillier' ? 1 : 2,
      members: trustees.map((t, i) => ({ index: i + 1, name: t.name, key: key(t.name) })),
    },
  };
}
