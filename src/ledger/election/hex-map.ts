/**
 * A persistent map keyed by lowercase hex strings (voting keys, trackers): a 16-ary trie whose path is
 * the key's hex digits, with a leaf as soon as a subtree holds one key. `set` copies only the nodes on
 * one path (about log16(n) nodes of 16 slots), so two ledger forks share everything else. Keys of one
 * map must have the same length (every key here is 64 hex digits); keys are assumed uniformly spread
 * (hashes and public keys), which keeps paths short.
 */
import { LedgerUsageError } from '../errors.js';

interface Leaf<V> {
  readonly key: string;
  readonly value: V;
}

interface Branch<V> {
  readonly children: readonly (TrieNode<V> | undefined)[];
}

type TrieNode<V> = Leaf<V> | Branch<V>;

/** An immutable map from hex strings to values. */
export interface HexMap<V> {
  readonly root: TrieNode<V> | undefined;
  readonly size: number;
}

/** The empty map. */
export function emptyHexMap<V>(): HexMap<V> {
  return { root: undefined, size: 0 };
}

function isLeaf<V>(n: TrieNode<V>): n is Leaf<V> {
  return 'key' in n;
}

function digit(key: string, depth: number): number {
  const d = depth < key.length ? Number.parseInt(key[depth]!, 16) : Number.NaN;
  if (!(d >= 0 && d < 16)) throw new LedgerUsageError(`hex map key ${JSON.stringify(key)} is not hex`);
  return d;
}

/** The value stored under `key`, if any. */
export function hexGet<V>(map: HexMap<V>, key: string): V | undefined {
  let n = map.root;
  for (let depth = 0; n !== undefined; depth++) {
    if (isLeaf(n)) return n.key === key ? n.value : undefined;
    n = n.children[digit(key, depth)];
  }
  return undefined;
}

function insert<V>(n: TrieNode<V> | undefined, key: string, value: V, depth: number): TrieNode<V> {
  if (n === undefined) return { key, value };
  if (isLeaf(n)) {
    if (n.key === key) return { key, value };
    // Split: a branch holding the existing leaf, then the new key below it.
    const children: (TrieNode<V> | undefined)[] = new Array(16).fill(undefined);
    children[digit(n.key, depth)] = n;
    return insert({ children }, key, value, depth);
  }
  const children = [...n.children];
  const d = digit(key, depth);
  children[d] = insert(children[d], key, value, depth + 1);
  return { children };
}

/** The map with `key` set to `value` (the input map is unchanged). */
export function hexSet<V>(map: HexMap<V>, key: string, value: V): HexMap<V> {
  const size = hexGet(map, key) === undefined ? map.size + 1 : map.size;
  return { root: insert(map.root, key, value, 0), size };
}
