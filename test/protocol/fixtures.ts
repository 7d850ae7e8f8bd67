/** Shared manifests and helpers for protocol tests. */
import { unwrap } from '../../src/crypto/result.js';
import { type Manifest, readManifest } from '../../src/protocol/manifest.js';

/** A 1-of-5 question, a yes/no question and an approval question (pick 1 to 3 of 4). */
export const MANIFEST: Manifest = unwrap(
  readManifest({
    title: 'General meeting 2026',
    questions: [
      {
        id: 'chair',
        text: 'Who should chair the assembly?',
        kind: 'one-of-n',
        min: 1,
        max: 1,
        options: ['ada', 'bo', 'cy', 'di', 'eve'].map((id) => ({ id, text: id.toUpperCase() })),
      },
      {
        id: 'budget',
        text: 'Approve the budget?',
        kind: 'yes-no',
        min: 1,
        max: 1,
        options: [
          { id: 'yes', text: 'Yes' },
          { id: 'no', text: 'No' },
        ],
      },
      {
        id: 'board',
        text: 'Elect up to three board members',
        kind: 'approval',
        min: 1,
        max: 3,
        options: ['f', 'g', 'h', 'i'].map((id) => ({ id, text: id })),
      },
    ],
  }),
);

/** A fixed election fingerprint for tests. */
export const FINGERPRINT = 'ab'.repeat(32);
