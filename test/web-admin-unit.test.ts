/**
 * The admin page's pure parts: the CSV roll split into import requests (quoted line breaks kept, the
 * header repeated), the wizard's checks with a message per field, and the request body it builds, which
 * the strict manifest reader accepts.
 */
import { describe, expect, it } from 'vitest';
import { readManifest } from '../src/protocol/manifest.js';
import { csvRecords, passwordsCsv, rollBatches } from '../web/src/pages/admin/csv-split.js';
import {
  blankQuestion,
  checkDraft,
  createInput,
  type Draft,
  newDraft,
  stepOfRefusal,
} from '../web/src/pages/admin/draft.js';

const KEY = (c: string) => c.repeat(64);

function filled(now: number): Draft {
  const d = newDraft(now);
  return {
    ...d,
    id: 'assembly-2026',
    title: 'Assembly',
    questions: [
      {
        ...blankQuestion(1),
        text: 'Chair?',
        options: [
          { id: 'ada', text: 'Ada' },
          { id: 'bo', text: 'Bo' },
        ],
      },
      { ...blankQuestion(2, 'yes-no'), text: 'Budget?' },
    ],
    boxes: [{ id: 'box-a', key: KEY('a'), url: 'http://127.0.0.1:8001' }],
    trustees: [
      { name: 't1', key: KEY('b') },
      { name: 't2', key: KEY('c') },
    ],
    k: '2',
  };
}

describe('roll split', () => {
  it('keeps quoted line breaks and repeats the header in each part', () => {
    const csv = 'name,surname,email,login\r\n"A\nB",C,a@x.org,a\n\nD,E,d@x.org,d\nF,G,f@x.org,f\n';
    expect(csvRecords(csv)).toEqual([
      'name,surname,email,login',
      '"A\nB",C,a@x.org,a',
      'D,E,d@x.org,d',
      'F,G,f@x.org,f',
    ]);
    const parts = rollBatches(csv, 2);
    expect(parts.map((p) => [p.from, p.to])).toEqual([
      [1, 2],
      [3, 3],
    ]);
    expect(parts[1]!.csv).toBe('name,surname,email,login\nF,G,f@x.org,f\n');
    expect(rollBatches('name,surname,email,login\n')).toEqual([]);
  });

  it('quotes passwords that need it', () => {
    expect(passwordsCsv([{ login: 'a', password: 'x,"y' }])).toBe('login,password\na,"x,""y"\n');
  });
});

describe('election wizard checks', () => {
  const now = Date.UTC(2026, 0, 1);

  it('accepts a filled draft and builds a body the manifest reader accepts', () => {
    const d = filled(now);
    expect(checkDraft(d, now)).toEqual({});
    const body = createInput(d);
    expect(readManifest(body.manifest).ok).toBe(true);
    expect(body.trustees).toEqual({
      n: 2,
      k: 2,
      members: [
        { index: 1, name: 't1', key: KEY('b') },
        { index: 2, name: 't2', key: KEY('c') },
      ],
    });
    expect(body.closes_at - body.opens_at).toBe(24 * 3600_000);
  });

  it('names each wrong field', () => {
    const d = filled(now);
    const bad: Draft = {
      ...d,
      id: '-x',
      questions: [
        {
          ...d.questions[0]!,
          max: '2',
          options: [
            { id: 'a', text: 'A' },
            { id: 'a', text: '' },
          ],
        },
      ],
      closes: d.opens,
      boxes: [{ id: 'b', key: 'xyz', url: 'ftp://h' }],
      trustees: [{ name: 't', key: KEY('b') }],
      k: '2',
    };
    expect(Object.keys(checkDraft(bad, now)).sort()).toEqual(
      ['box0.key', 'box0.url', 'closes', 'id', 'k', 'q0.max', 'q0.o1.id', 'q0.o1.text'].sort(),
    );
    expect(checkDraft({ ...d, scheme: 'paillier' }, now).k).toBeDefined();
  });

  it('sends a refusal to the step it concerns', () => {
    expect(stepOfRefusal('manifest: questions[0].max 2 exceeds the 1 options')).toBe('manifest');
    expect(stepOfRefusal('boxes[1].url must be an http or https URL')).toBe('boxes');
    expect(stepOfRefusal('trustees: k must not exceed n')).toBe('trustees');
    expect(stepOfRefusal('this ledger already defines an election')).toBe('review');
  });
});
