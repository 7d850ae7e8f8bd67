import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import {
  type Approval,
  approvalJson,
  approvalText,
  checkApprovalSignature,
  decodeApproval,
  signApproval,
} from '../../src/ledger/authority/approval.js';
import { decodeAuthorityGenesis } from '../../src/ledger/authority/genesis.js';
import { checkTxSignature, decodeTx, txJson } from '../../src/ledger/authority/tx.js';
import { decodeBlock, identifyBlock } from '../../src/ledger/block.js';
import { decodeEntry, decodeHeader } from '../../src/ledger/export/format.js';
import { decodeRunnerGenesis } from '../../src/ledger/runner/chain.js';
import { ALICE, ed, GENESIS, GENESIS_ID, tx, V } from './helpers.js';

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const anything = fc.oneof(json, fc.anything());

describe('decoders never throw on garbage', () => {
  it('returns a coded failure for any input', () => {
    fc.assert(
      fc.property(anything, (v) => {
        for (const r of [
          decodeBlock(v),
          identifyBlock(v, 1 << 20),
          decodeTx(v),
          decodeApproval(v),
          decodeAuthorityGenesis(v),
          decodeRunnerGenesis(v),
        ])
          if (!r.ok) expect(typeof r.code).toBe('string');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(decodeHeader(s).ok).toBe(false);
        expect(decodeEntry(s).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

/** Every way of changing one field of an object. */
function mutations(o: Record<string, JsonValue>): Record<string, JsonValue>[] {
  const out: Record<string, JsonValue>[] = [];
  for (const k of Object.keys(o)) {
    const { [k]: _, ...without } = o;
    out.push(without);
    const v = o[k];
    const alt: JsonValue[] =
      typeof v === 'string'
        ? [`${v}0`, v.length > 1 ? v.slice(0, -1) + (v.endsWith('0') ? '1' : '0') : 'x', 5]
        : typeof v === 'number'
          ? [v + 1, -1, String(v)]
          : [null, 'x'];
    for (const a of alt) out.push({ ...o, [k]: a });
  }
  out.push({ ...o, extra: 1 });
  return out;
}

describe('every mutated field fails', () => {
  it('transactions', () => {
    const t = txJson(tx(ALICE, 'vote', 1)) as Record<string, JsonValue>;
    for (const m of mutations(t)) {
      const d = decodeTx(m);
      expect(d.ok && checkTxSignature(ed, d.value).ok).toBe(false);
    }
  });
  it('approvals', () => {
    const a = approvalJson(
      signApproval(ed, V[0]!.sk, {
        block_id: GENESIS_ID,
        height: 1,
        validator: V[0]!.pk,
        verdict: 'approve',
      }),
    ) as Record<string, JsonValue>;
    const genesis = decodeAuthorityGenesis(GENESIS);
    if (!genesis.ok) throw new Error(genesis.message);
    for (const m of mutations(a)) {
      const d = decodeApproval(m);
      expect(d.ok && checkApprovalSignature(ed, genesis.value.genesis, d.value).ok).toBe(false);
    }
  });
});

describe('approval text', () => {
  it('is the canonical JSON of the approval for any field values', () => {
    const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
    fc.assert(
      fc.property(
        fc.record({
          block_id: fc.oneof(hex(64), fc.string({ unit: 'binary' })),
          height: fc.oneof(fc.integer({ min: 1 }), fc.constantFrom(-0, 2 ** 53, 1.5, Number.NaN)),
          validator: fc.oneof(hex(64), fc.string({ unit: 'binary' })),
          verdict: fc.constantFrom('approve', 'reject'),
          reason: fc.option(fc.string({ unit: 'binary', maxLength: 40 }), { nil: undefined }),
          sig: fc.oneof(hex(128), fc.string({ unit: 'binary' })),
        }),
        (r) => {
          const { reason, ...rest } = r;
          const a = (reason === undefined ? rest : { ...rest, reason }) as Approval;
          let expected: string | Error;
          try {
            expected = canonicalJson(approvalJson(a));
          } catch (e) {
            expected = e as Error;
          }
          if (expected instanceof Error) expect(() => approvalText(a)).toThrow(expected.constructor as never);
          else expect(approvalText(a)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
