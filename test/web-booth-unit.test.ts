/**
 * The booth's pure parts: the ballot form's rules (min/max per question, toggling, review texts), the key
 * file kept in the browser (the same format as the command line's, both ways), and the worker's
 * synthetic election (a cast made in it checks as a ballot box checks it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readVoterKey, writeVoterKey } from '../src/client/key-file.js';
import { newVoterKey, parseVoterKey, voterKeyText } from '../src/client/voter-key.js';
import { unwrap } from '../src/crypto/result.js';
import { systemRng } from '../src/crypto/rng.js';
import { ed25519Pure } from '../src/crypto/sig/ed25519.js';
import { checkCast } from '../src/protocol/cast/check.js';
import { createCast } from '../src/protocol/cast/create.js';
import { readManifest } from '../src/protocol/manifest.js';
import { choicesToPlaintext } from '../src/protocol/selections.js';
import {
  chosenTexts,
  isSingle,
  problemOf,
  problemsOf,
  ruleOf,
  toggle,
} from '../web/src/pages/booth/selection.js';
import { browserEnv } from '../web/src/platform/env.js';
import { plainMessage } from '../web/src/worker/messages.js';
import { SYNTHETIC_VOTE, syntheticContext, syntheticElection } from '../web/src/worker/synthetic.js';

const manifest = unwrap(
  readManifest({
    title: 'T',
    questions: [
      {
        id: 'mayor',
        text: 'Mayor',
        kind: 'one-of-n',
        min: 0,
        max: 1,
        options: [
          { id: 'a', text: 'Ann' },
          { id: 'b', text: 'Bo' },
        ],
      },
      {
        id: 'council',
        text: 'Council',
        kind: 'approval',
        min: 1,
        max: 2,
        options: [
          { id: 'x', text: 'X' },
          { id: 'y', text: 'Y' },
          { id: 'z', text: 'Z' },
        ],
      },
    ],
  }),
);
const [mayor, council] = manifest.questions as [
  (typeof manifest.questions)[0],
  (typeof manifest.questions)[0],
];

describe('ballot form rules', () => {
  it('uses radios for at most one choice and checkboxes otherwise', () => {
    expect(isSingle(mayor)).toBe(true);
    expect(isSingle(council)).toBe(false);
    expect(ruleOf(mayor).key).toBe('booth.ballot.rule.oneOrNone');
    expect(ruleOf(council)).toEqual({ key: 'booth.ballot.rule.between', vars: { min: 1, max: 2 } });
  });

  it('reports too few and too many choices, and nothing for allowed ones', () => {
    expect(problemOf(council, [])).toEqual({ key: 'booth.ballot.tooFew', vars: { min: 1 } });
    expect(problemOf(council, ['x', 'y', 'z'])).toEqual({ key: 'booth.ballot.tooMany', vars: { max: 2 } });
    expect(problemOf(council, ['x', 'z'])).toBeUndefined();
    expect(problemOf(mayor, [])).toBeUndefined();
    expect([...problemsOf(manifest.questions, { mayor: ['a'] }).keys()]).toEqual(['council']);
  });

  it('toggles in manifest order; a radio replaces the previous choice', () => {
    let c = toggle({}, council, 'z', true);
    c = toggle(c, council, 'x', true);
    c = toggle(c, council, 'x', true);
    expect(c.council).toEqual(['x', 'z']);
    c = toggle(c, mayor, 'a', true);
    c = toggle(c, mayor, 'b', true);
    expect(c.mayor).toEqual(['b']);
    expect(toggle(c, council, 'x', false).council).toEqual(['z']);
    expect(chosenTexts(council, c)).toEqual(['X', 'Z']);
    // Allowed choices are exactly what the protocol accepts.
    expect(choicesToPlaintext(manifest, c).ok).toBe(true);
    expect(choicesToPlaintext(manifest, { ...c, council: [] }).ok).toBe(false);
  });
});

describe('voter key text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-booth-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const election = { id: 'e1', fingerprint: 'ab'.repeat(32), mode: 'identity-keys' as const };

  it('is the command line key file, both ways', () => {
    const k = { ...newVoterKey(ed25519Pure, systemRng, election), boxes: ['box-1'] };
    const file = join(dir, 'cli.json');
    writeVoterKey(file, k);
    const fromBrowser = parseVoterKey(voterKeyText(k), ed25519Pure, 'browser');
    const fromCli = readVoterKey(file, ed25519Pure);
    expect(fromCli).toEqual(fromBrowser);
    expect(fromBrowser.boxes).toEqual(['box-1']);
  });

  it('refuses a key whose public key does not match its secret', () => {
    const k = newVoterKey(ed25519Pure, systemRng, election);
    const other = newVoterKey(ed25519Pure, systemRng, election);
    const text = voterKeyText({ ...k, publicKey: other.publicKey });
    expect(() => parseVoterKey(text, ed25519Pure, 'upload')).toThrow(/KEY_FILE_INVALID: upload: public/);
    expect(() => parseVoterKey('{"format":"x"}', ed25519Pure, 'upload')).toThrow(/KEY_FILE_INVALID/);
  });
});

describe('synthetic election', () => {
  it('survives a structured clone and gives casts a box accepts', () => {
    const env = browserEnv();
    const s = structuredClone(syntheticElection(env, systemRng));
    const ctx = syntheticContext(env, s);
    const voter = newVoterKey(ed25519Pure, systemRng, {
      id: 'x',
      fingerprint: ctx.fingerprint,
      mode: 'identity-keys',
    });
    const c = unwrap(
      createCast(
        ctx,
        { voterSecret: voter.secretKey, plaintext: SYNTHETIC_VOTE.map((q) => [...q]) },
        systemRng,
      ),
    );
    const checked = checkCast(ctx, JSON.parse(JSON.stringify(c.cast)));
    expect(checked.ok && checked.value.tracker).toBe(c.tracker);
  });
});

describe('failure sentences', () => {
  it('drop the code, box and HTTP status prefixes the layers add', () => {
    expect(
      plainMessage(
        'DOUBLE_VOTE',
        'DOUBLE_VOTE: box-1: 422 DOUBLE_VOTE: this voting key has already voted',
        'box-1',
      ),
    ).toBe('this voting key has already voted');
    expect(plainMessage('NOT_READY', 'NOT_READY: voting is over')).toBe('voting is over');
    expect(plainMessage('X', 'unrelated text')).toBe('unrelated text');
  });
});
