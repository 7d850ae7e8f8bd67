/**
 * Fixed-base exponentiation tables for modp groups (pure BigInt, variable time).
 *
 * For a base b, window width w and W = ⌈bits(q)/w⌉ windows, the table holds
 * T[i][d] = b^(d·2^(w·i)) mod p for 0 ≤ i < W and 1 ≤ d < 2^w. Writing k = Σ d_i·2^(w·i),
 * b^k = Π_{d_i ≠ 0} T[i][d_i]: at most W multiplications and no squarings.
 * Building costs about W·2^w multiplications and as many stored residues.
 */

/** A precomputed fixed base: `pow(k)` = base^k mod p for 0 ≤ k < 2^(w·windows). */
export interface FixedBaseTable {
  readonly base: bigint;
  pow(k: bigint): bigint;
}

/** Builds the table of `base` mod `p` for exponents of up to `expBits` bits, with window width `w`. */
export function fixedBaseTable(base: bigint, p: bigint, expBits: number, w: number): FixedBaseTable {
  const windows = Math.ceil(expBits / w);
  const per = (1 << w) - 1; // entries d = 1 … 2^w − 1 per window
  const table: bigint[] = new Array(windows * per);
  let t = base % p; // b^(2^(w·i)) for the current window i
  for (let i = 0; i < windows; i++) {
    let acc = t;
    table[i * per] = acc;
    for (let d = 2; d <= per; d++) {
      acc = (acc * t) % p;
      table[i * per + d - 1] = acc;
    }
    t = (acc * t) % p; // b^(2^(w·(i+1))) = T[i][2^w − 1]·b^(2^(w·i))
  }
  const mask = BigInt(per);
  const shift = BigInt(w);
  return {
    base,
    pow(k: bigint): bigint {
      let r = 1n;
      let e = k;
      for (let i = 0; e > 0n; i++, e >>= shift) {
        const d = Number(e & mask);
        if (d !== 0) r = (r * table[i * per + d - 1]!) % p;
      }
      return r % p;
    },
  };
}
