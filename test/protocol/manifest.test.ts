import { describe, expect, it } from 'vitest';
import { manifestToJson, readManifest } from '../../src/protocol/manifest.js';
import { choicesToPlaintext, plaintextToChoices } from '../../src/protocol/selections.js';
import { MANIFEST } from './fixtures.js';

describe('manifest', () => {
  it('round-trips through JSON', () => {
    const again = readManifest(manifestToJson(MANIFEST));
    expect(again.ok && again.value).toEqual(MANIFEST);
  });

  const base = manifestToJson(MANIFEST);
  const q0 = (base.questions as Record<string, unknown>[])[0]!;
  const cases: [string, unknown][] = [
    ['not an object', 7],
    ['unknown field', { ...base, extra: 1 }],
    ['no questions', { ...base, questions: [] }],
    ['empty title', { ...base, title: ' ' }],
    ['repeated question id', { ...base, questions: [q0, q0] }],
    ['bad kind', { ...base, questions: [{ ...q0, kind: 'ranked' }] }],
    ['min > max', { ...base, questions: [{ ...q0, min: 2, max: 1 }] }],
    ['max > options', { ...base, questions: [{ ...q0, kind: 'approval', max: 9 }] }],
    ['one-of-n with max 2', { ...base, questions: [{ ...q0, max: 2 }] }],
    ['negative min', { ...base, questions: [{ ...q0, min: -1 }] }],
    ['float max', { ...base, questions: [{ ...q0, max: 1.5 }] }],
    [
      'bad option id',
      {
        ...base,
        questions: [
          {
            ...q0,
            options: [
              { id: 'a b', text: 'x' },
              { id: 'c', text: 'y' },
            ],
          },
        ],
      },
    ],
    ['one option', { ...base, questions: [{ ...q0, options: [{ id: 'a', text: 'x' }], min: 0 }] }],
    [
      'yes-no with other options',
      {
        ...base,
        questions: [
          {
            ...q0,
            kind: 'yes-no',
            options: [
              { id: 'y', text: 'Y' },
              { id: 'n', text: 'N' },
            ],
          },
        ],
      },
    ],
  ];
  for (const [what, v] of cases) {
    it(`rejects ${what} with MANIFEST_INVALID`, () => {
      const r = readManifest(v);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe('MANIFEST_INVALID');
    });
  }
});

describe('choices', () => {
  it('converts choices to a plaintext and back', () => {
    const choices = { chair: ['cy'], budget: ['no'], board: ['f', 'i'] };
    const p = choicesToPlaintext(MANIFEST, choices);
    expect(p.ok && p.value).toEqual([
      [0, 0, 1, 0, 0],
      [0, 1],
      [1, 0, 0, 1],
    ]);
    if (p.ok) expect(plaintextToChoices(MANIFEST, p.value)).toEqual(choices);
  });

  it.each([
    ['too many', { chair: ['ada', 'bo'], budget: ['yes'], board: ['f'] }],
    ['too few', { chair: [], budget: ['yes'], board: ['f'] }],
    ['unknown option', { chair: ['zed'], budget: ['yes'], board: ['f'] }],
    ['unknown question', { chair: ['ada'], budget: ['yes'], board: ['f'], extra: ['x'] }],
    ['repeated option', { chair: ['ada'], budget: ['yes'], board: ['f', 'f'] }],
  ])('rejects %s', (_, choices) => {
    const p = choicesToPlaintext(MANIFEST, choices);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.code).toBe('SELECTION_INVALID');
  });
});
