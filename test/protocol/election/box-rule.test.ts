import { describe, expect, it } from 'vitest';
import { decideAudit, decideCast, type PriorBallot } from '../../../src/protocol/cast/box-rule.js';

const id = (c: string) => c.repeat(64);
const code = (r: { ok: boolean; code?: string; value?: unknown }) => (r.ok ? r.value : r.code);

describe('ballot-box rule', () => {
  const first: PriorBallot = { ballot_id: id('1'), tracker: id('a') };

  it('accepts a first ballot and recognises a resend', () => {
    expect(code(decideCast('once', [], id('1'), id('a')))).toBe('new');
    expect(code(decideCast('once', [first], id('1'), id('a')))).toBe('repeat');
    expect(code(decideCast('last', [first], id('1'), id('a')))).toBe('repeat');
  });

  it('refuses another version of the same ballot id', () => {
    expect(code(decideCast('once', [first], id('1'), id('b')))).toBe('CAST_INVALID');
    expect(code(decideCast('last', [first], id('1'), id('b')))).toBe('CAST_INVALID');
  });

  it('applies the revote policy', () => {
    expect(code(decideCast('once', [first], id('2'), id('b')))).toBe('DOUBLE_VOTE');
    expect(code(decideCast('last', [first], id('2'), id('b')))).toBe('new');
  });

  it('keeps cast and audited ballots apart', () => {
    const spoiled: PriorBallot = { ...first, spoiled: true };
    expect(code(decideCast('once', [spoiled], id('1'), id('a')))).toBe('CAST_INVALID');
    expect(code(decideCast('once', [spoiled], id('2'), id('b')))).toBe('new');
    expect(code(decideAudit([first], id('1')))).toBe('AUDIT_INVALID');
    expect(code(decideAudit([first], id('2')))).toBe(true);
    expect(code(decideAudit([spoiled], id('1')))).toBe(true);
  });
});
