import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/crypto/encoding/canonical-json.js';
import { resultsFromCounts, resultsToJson } from '../../src/protocol/results.js';
import { MANIFEST } from './fixtures.js';

describe('results', () => {
  it('names counts by manifest ids, in manifest order, with exact integers', () => {
    const r = resultsFromCounts(MANIFEST, [
      [1n, 2n, 3n, 4n, 2n ** 60n],
      [5n, 0n],
      [0n, 1n, 0n, 1n],
    ]);
    expect(canonicalJson(resultsToJson(r))).toBe(
      '{"questions":[{"counts":[["ada",1],["bo",2],["cy",3],["di",4],["eve",1152921504606846976]],"id":"chair"},' +
        '{"counts":[["yes",5],["no",0]],"id":"budget"},{"counts":[["f",0],["g",1],["h",0],["i",1]],"id":"board"}]}',
    );
  });
});
