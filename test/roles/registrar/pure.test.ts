/** The registrar's pure parts: CSV roll reading, lockout, box assignment, hashing, TOTP, at-rest boxes. */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemRng } from '../../../src/crypto/rng.js';
import { assignBoxes } from '../../../src/node/roles/registrar/box-assignment.js';
import { parseRollCsv } from '../../../src/node/roles/registrar/csv-roll.js';
import { afterFailure, isLocked } from '../../../src/node/roles/registrar/lockout.js';
import { newInitialPassword } from '../../../src/node/roles/registrar/one-time-password.js';
import { ARGON2_COSTS, hashPassword, verifyPassword } from '../../../src/node/roles/registrar/password.js';
import { secretBox } from '../../../src/node/roles/registrar/secret-box.js';
import {
  matchTotp,
  newTotpSecret,
  totpCode,
  totpStep,
  totpUri,
} from '../../../src/node/roles/registrar/totp.js';
import { INPUT } from '../../protocol/election/fixtures.js';

const HEAD = 'name,surname,email,login,password';
const row = (i: number) => `Ana${i},Lima,ana${i}@example.org,ana${i},password-${i}`;

describe('CSV roll', () => {
  it('reads a good roll with or without passwords, BOM and CRLF included', () => {
    const r = parseRollCsv(
      `\ufeff${HEAD}\r\n${row(1)}\r\n"Zoë, the second",Ng,z@example.org,zoe,"pass ""word"" 9"\r\n`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.withPasswords).toBe(true);
    expect(r.value.rows).toHaveLength(2);
    expect(r.value.rows[1]).toMatchObject({
      name: 'Zoë, the second',
      login: 'zoe',
      password: 'pass "word" 9',
      line: 3,
    });
    const np = parseRollCsv('name,surname,email,login\nA,B,a@b.cd,ab\n');
    expect(np.ok && np.value.withPasswords).toBe(false);
  });

  const bad: [string, string, RegExp][] = [
    ['empty', '', /line 1.*empty/],
    ['header', 'name,surname,mail,login,password\n', /header/],
    ['no rows', `${HEAD}\n`, /no voter rows/],
    ['field count', `${HEAD}\n${row(1)}\nA,B,c@d.ef,x\n`, /line 3.*4 fields/],
    ['empty name', `${HEAD}\n,B,c@d.ef,xy,password1\n`, /line 2, column name: is empty/],
    ['email', `${HEAD}\n${row(1)}\nA,B,not-an-email,xy,password1\n`, /line 3, column email/],
    ['login', `${HEAD}\nA,B,c@d.ef,-bad,password1\n`, /line 2, column login/],
    ['short password', `${HEAD}\nA,B,c@d.ef,xy,short\n`, /line 2, column password/],
    ['control', `${HEAD}\n"A\u0007",B,c@d.ef,xy,password1\n`, /column name: contains a control/],
    [
      'duplicate',
      `${HEAD}\n${row(1)}\n${row(2)}\n${row(1)}\n`,
      /line 4, column login: "ana1" already appears on line 2/,
    ],
    ['quote', `${HEAD}\n"A,B,c@d.ef,xy,password1\n`, /not valid CSV/],
  ];
  it.each(bad)('refuses %s, naming line and column', (_, text, re) => {
    const r = parseRollCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(re);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseRollCsv(`${HEAD}\n${s}`);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('lockout', () => {
  const p = { maxFailures: 3, lockMs: 1000 };
  it('locks after maxFailures consecutive failures, for lockMs', () => {
    let c = { failures: 0, locked_until: 0 };
    c = afterFailure(c, 10, p);
    c = afterFailure(c, 11, p);
    expect(isLocked(c, 12)).toBe(false);
    c = afterFailure(c, 12, p);
    expect(isLocked(c, 13)).toBe(true);
    expect(isLocked(c, 1012)).toBe(false);
    expect(afterFailure(c, 2000, p)).toEqual({ failures: 1, locked_until: 0 });
  });
});

describe('box assignment', () => {
  const boxes = INPUT.boxes;
  it('gives every box by default and a deterministic subset otherwise', () => {
    expect(assignBoxes(boxes, 'f'.repeat(64), 'a'.repeat(64))).toEqual(['box-a', 'box-b', 'box-c']);
    const one = assignBoxes(boxes, 'f'.repeat(64), 'a'.repeat(64), 2);
    expect(one).toHaveLength(2);
    expect(assignBoxes(boxes, 'f'.repeat(64), 'a'.repeat(64), 2)).toEqual(one);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++)
      for (const b of assignBoxes(boxes, 'f'.repeat(64), i.toString(16).padStart(64, '0'), 1)) seen.add(b);
    expect(seen.size).toBe(3);
  });
});

describe('passwords', () => {
  it('writes the parameters in the PHC string and verifies with them', async () => {
    const h = await hashPassword('correct horse', 'test');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=64,p=1,t=1\$/);
    expect(await verifyPassword(h, 'correct horse')).toBe(true);
    expect(await verifyPassword(h, 'correct horsf')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    const prod = await hashPassword('pw', 'production');
    expect(prod).toContain(`m=${ARGON2_COSTS.production.memoryCost},p=1,t=2`);
    expect(await verifyPassword(prod, 'pw')).toBe(true);
  });
  it('generates 16-character one-time passwords', () => {
    const a = newInitialPassword(systemRng);
    expect(a).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(newInitialPassword(systemRng)).not.toBe(a);
  });
});

describe('TOTP', () => {
  it('matches RFC 6238 codes within one step and names their step', () => {
    const s = newTotpSecret(systemRng);
    const now = 1_800_000_000_000;
    expect(matchTotp(s, totpCode(s, now), now)).toBe(totpStep(now));
    expect(matchTotp(s, totpCode(s, now - 30_000), now)).toBe(totpStep(now) - 1);
    expect(matchTotp(s, totpCode(s, now - 90_000), now)).toBeUndefined();
    expect(matchTotp(s, 'abcdef', now)).toBeUndefined();
    expect(totpUri(s, 'pnyx', 'ana')).toMatch(/^otpauth:\/\/totp\/pnyx:ana\?.*secret=/);
  });
  it('RFC 6238 appendix B vector (SHA-1, 8 digits truncated to 6)', () => {
    // Secret "12345678901234567890" (ASCII), T = 59 s: 94287082 → last 6 digits 287082.
    const base32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCode(base32, 59_000)).toBe('287082');
  });
});

describe('secret box', () => {
  it('opens only with the same key and associated data', () => {
    const k = randomBytes(32);
    const box = secretBox(k, systemRng);
    const s = box.seal(new TextEncoder().encode('JBSWY3DPEHPK3PXP'), 'totp:voter:1');
    expect(s).not.toContain('JBSWY3DPEHPK3PXP');
    expect(new TextDecoder().decode(box.open(s, 'totp:voter:1'))).toBe('JBSWY3DPEHPK3PXP');
    expect(box.open(s, 'totp:voter:2')).toBeUndefined();
    expect(secretBox(randomBytes(32), systemRng).open(s, 'totp:voter:1')).toBeUndefined();
    expect(box.open(`${s.slice(0, -2)}00`, 'totp:voter:1')).toBeUndefined();
    expect(box.open('garbage', 'totp:voter:1')).toBeUndefined();
  });
});
