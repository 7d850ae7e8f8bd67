/**
 * Discrete logarithms of small results by baby-step giant-step.
 *
 * For a bound B the solver keeps a table of the m = ⌈√(B+1)⌉ baby steps g^0 … g^(m−1), keyed by a 48-bit
 * fold of each element's canonical encoding (a JavaScript `Map<number, number>`: about 1.5 MB for
 * B = 10^9, m = 31 623, whatever the element size). A solve walks at most ⌈(B+1)/m⌉ giant steps
 * h·g^(−m·j); each table hit is confirmed by one exponentiation, so fold collisions cannot produce a
 * wrong answer. The table is built on first use and reused by every later solve. Nothing here is
 * constant-time: the inputs (tally results) are public.
 */
import type { Group } from './group/group.js';
import { CryptoUsageError, fail, ok, type Result } from './result.js';

/** The largest table the solver builds (2^22 entries, roughly 200 MB); larger bounds take longer instead. */
const MAX_TABLE = 1 << 22;

/** Folds an encoding into a 48-bit number (XOR of the bytes into six lanes). */
function fold(bytes: Uint8Array): number {
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  let l4 = 0;
  let l5 = 0;
  let i = 0;
  for (; i + 6 <= bytes.length; i += 6) {
    l0 ^= bytes[i]!;
    l1 ^= bytes[i + 1]!;
    l2 ^= bytes[i + 2]!;
    l3 ^= bytes[i + 3]!;
    l4 ^= bytes[i + 4]!;
    l5 ^= bytes[i + 5]!;
  }
  const rest = [l0, l1, l2, l3, l4, l5];
  for (let j = 0; i < bytes.length; i++, j++) rest[j]! ^= bytes[i];
  return (
    ((rest[0]! << 16) | (rest[1]! << 8) | rest[2]!) * 0x1000000 +
    ((rest[3]! << 16) | (rest[4]! << 8) | rest[5]!)
  );
}

/** Integer square root, rounded up, of a non-negative bigint. */
function ceilSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.ceil(Math.sqrt(Number(n))));
  while (x * x < n) x++;
  while ((x - 1n) * (x - 1n) >= n) x--;
  return x;
}

/** Baby-step giant-step solver for h = g^x with 0 ≤ x ≤ bound. */
export class DlogSolver<E> {
  /** Number of baby steps m (table entries). */
  readonly tableSize: number;
  private readonly giantSteps: bigint;
  private table: Map<number, number> | undefined;
  /** Baby-step indices whose fold collided with an earlier entry (almost always empty). */
  private readonly overflow = new Map<number, number[]>();
  private giant: E | undefined;

  /**
   * @param G the group (kept as a public field)
   * @param bound largest logarithm searched (0 ≤ bound < q)
   * @param tableSize number of baby steps; defaults to ⌈√(bound+1)⌉ (at most 2^22). A larger table makes
   *   each solve faster at the cost of memory.
   */
  constructor(
    readonly G: Group<E>,
    readonly bound: bigint,
    tableSize?: number,
  ) {
    if (bound < 0n || bound >= G.q) throw new CryptoUsageError('dlog bound must be in [0, q)');
    const m =
      tableSize ?? Number(ceilSqrt(bound + 1n) < BigInt(MAX_TABLE) ? ceilSqrt(bound + 1n) : MAX_TABLE);
    if (!Number.isSafeInteger(m) || m < 1 || m > MAX_TABLE)
      throw new CryptoUsageError(`dlog table size must be in [1, ${MAX_TABLE}]`);
    this.tableSize = m;
    this.giantSteps = (bound + 1n + BigInt(m) - 1n) / BigInt(m);
  }

  private build(): Map<number, number> {
    const { G } = this;
    const table = new Map<number, number>();
    let x = G.identity;
    for (let i = 0; i < this.tableSize; i++) {
      const key = fold(G.encode(x));
      const prev = table.get(key);
      if (prev === undefined) table.set(key, i);
      else this.overflow.set(key, [...(this.overflow.get(key) ?? []), i]);
      x = G.op(x, G.g);
    }
    // x = g^m now; the giant step multiplies by g^(−m).
    this.giant = G.inv(x);
    this.table = table;
    return table;
  }

  /** Candidate baby-step indices for a key. */
  private lookup(table: Map<number, number>, key: number): number[] {
    const first = table.get(key);
    if (first === undefined) return [];
    const more = this.overflow.get(key);
    return more === undefined ? [first] : [first, ...more];
  }

  /** Finds x in [0, bound] with g^x = h, or fails with `DLOG_NOT_FOUND`. */
  solve(h: E): Result<bigint> {
    const { G } = this;
    const table = this.table ?? this.build();
    const m = BigInt(this.tableSize);
    let gamma = h;
    for (let j = 0n; j < this.giantSteps; j++) {
      for (const i of this.lookup(table, fold(G.encode(gamma)))) {
        const x = j * m + BigInt(i);
        // Confirm the hit: the fold is only 48 bits.
        if (x <= this.bound && G.eq(G.expG(x), h)) return ok(x);
      }
      gamma = G.op(gamma, this.giant!);
    }
    return fail('DLOG_NOT_FOUND', `no discrete logarithm in [0, ${this.bound}]`);
  }
}
