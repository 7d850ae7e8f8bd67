/**
 * Trustees: `{n, k, members: [{index, name, key}, …]}` with `1 ≤ k ≤ n`, exactly `n` members listed by
 * index `1, 2, …, n`, distinct names and distinct keys. A Paillier election has exactly one key holder
 * (`n = k = 1`).
 */
import { fail, ok, type Result } from '../../crypto/result.js';
import { ELECTION_LIMITS, type ElectionScheme, type Trustee, type Trustees } from './definition.js';
import { checkDistinct, readInt, readList, readObject, readPublicKey, readText } from './fields.js';

const C = 'ELECTION_INVALID';

function readMember(v: unknown, what: string): Result<Trustee> {
  const o = readObject(C, v, what, ['index', 'name', 'key']);
  if (!o.ok) return o;
  const index = readInt(C, o.value.index, `${what}.index`, 1, ELECTION_LIMITS.trustees);
  if (!index.ok) return index;
  const name = readText(C, o.value.name, `${what}.name`, ELECTION_LIMITS.nameLength);
  if (!name.ok) return name;
  const key = readPublicKey(C, o.value.key, `${what}.key`);
  if (!key.ok) return key;
  return ok({ index: index.value, name: name.value, key: key.value });
}

/** Strict reader of the trustees of an election using `scheme`. */
export function readTrustees(v: unknown, scheme: ElectionScheme): Result<Trustees> {
  const o = readObject(C, v, 'trustees', ['n', 'k', 'members']);
  if (!o.ok) return o;
  const n = readInt(C, o.value.n, 'trustees.n', 1, ELECTION_LIMITS.trustees);
  if (!n.ok) return n;
  // Threshold: 1 ≤ k ≤ n.
  const k = readInt(C, o.value.k, 'trustees.k', 1, n.value);
  if (!k.ok) return k;
  // Paillier has one private key, held whole by one trustee.
  if (scheme === 'paillier' && n.value !== 1)
    return fail(C, 'a Paillier election has exactly one trustee (n = k = 1)');
  const members = readList(C, o.value.members, 'trustees.members', n.value, n.value, readMember);
  if (!members.ok) return members;
  // Members are listed by index 1..n.
  for (let i = 0; i < members.value.length; i++) {
    if (members.value[i]!.index !== i + 1) return fail(C, `trustees.members[${i}].index must be ${i + 1}`);
  }
  const names = checkDistinct(C, members.value, 'trustees.members', (m) => m.name);
  if (!names.ok) return names;
  const keys = checkDistinct(C, members.value, 'trustees.members', (m) => m.key);
  if (!keys.ok) return keys;
  return ok({ n: n.value, k: k.value, members: members.value });
}
