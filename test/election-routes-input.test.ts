/**
 * Bad input to an election node's own routes — `GET /election/status`, `POST /election/admin/create`,
 * `POST /election/admin/close` — and to the registrar's close route, on a real registrar node process
 * (also miner and validator) with one ballot box and one trustee: malformed JSON, wrong content type,
 * schema violations and unknown fields, missing or wrong admin token, impossible manifests and
 * definitions, a schedule in the past, an empty roll, a second election, a close before any election,
 * before the opening and after the close. Each gets a 4xx with a stable code and a sentence, and
 * afterwards the ledger (head, pending pool) and the registrar's store (elections, audit log) are as
 * before. Both close routes give the same answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRegistrar, closeClients } from '../src/demo/clients.js';
import { adminSession } from '../src/demo/roll.js';
import type { CreateElectionInput } from '../src/node/election/admin.js';
import { type Cluster, electionStatus, startCluster, waitStatus } from './election-cluster/cluster.js';
import { electionInput, rollOf } from './election-cluster/flow.js';

let c: Cluster;
let session = '';
const t0 = Date.now();

beforeAll(async () => {
  c = await startCluster({ boxes: [{ name: 'box-1' }], trustees: [{ name: 't1' }] });
  session = await adminSession(adminRegistrar(c.registrar.url, c.adminToken));
}, 120_000);

afterAll(async () => {
  closeClients();
  await c?.stop();
  process.stderr.write(`election-routes-input: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
});

/** One answer: status, code and sentence of an error body (or the body). */
interface Answer {
  readonly status: number;
  readonly code?: string;
  readonly message?: string;
  readonly body: Record<string, unknown>;
}

async function send(
  path: string,
  o: { method?: string; body?: string; token?: string | null; type?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (o.body !== undefined) headers['content-type'] = o.type ?? 'application/json';
  const token = o.token === undefined ? c.adminToken : o.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const r = await fetch(`${c.registrar.url}${path}`, {
    method: o.method ?? 'POST',
    headers,
    ...(o.body !== undefined ? { body: o.body } : {}),
  });
  const text = await r.text();
  const body = (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown>;
  const err = body.error as { code?: string; message?: string } | undefined;
  return {
    status: r.status,
    ...(err?.code ? { code: err.code } : {}),
    ...(err?.message ? { message: err.message } : {}),
    body,
  };
}

const create = (input: unknown, o: { token?: string | null } = {}) =>
  send('/election/admin/create', { body: JSON.stringify(input), ...o });
const closeNode = (body = '{}', o: { token?: string | null } = {}) =>
  send('/election/admin/close', { body, ...o });
const closeRegistrar = (id: string, o: { token?: string | null } = {}) =>
  send(`/registrar/admin/elections/${id}/close`, { body: '{}', ...o });

/**
 * What must not change: the `election` and `close` transactions on the ledger and pending, the
 * registrar's elections and its audit log. (Other transactions — the trustee's key — may come meanwhile.)
 */
async function snapshot(served: readonly string[]): Promise<string> {
  const get = async (path: string, body?: string) => {
    const a =
      body === undefined
        ? await send(path, { method: 'GET', token: null })
        : await send(path, { body, token: null });
    expect(a.status, `${path}: ${a.code}`).toBe(200);
    return a.body;
  };
  // Transactions of a type, on the chain or pending (one may move from the pool to a block meanwhile).
  const pool = (await get('/api/mempool')).txs as { id: string; type: string }[];
  const seen = async (type: string) => {
    const chain = (await get(`/api/txs?type=${type}`)).txs as { id: string }[];
    const all = [...chain.map((t) => t.id), ...pool.filter((t) => t.type === type).map((t) => t.id)];
    return [...new Set(all)].sort();
  };
  const audit = await get('/registrar/admin/audit', JSON.stringify({ session }));
  const elections = await Promise.all(
    served.map(
      async (id) => (await send(`/registrar/elections/${id}`, { method: 'GET', token: null })).status,
    ),
  );
  return JSON.stringify({
    election: await seen('election'),
    close: await seen('close'),
    audit,
    elections,
  });
}

/** Expects a 4xx with `code` and a sentence, and no change to the ledger or the store. */
async function refused(
  what: () => Promise<Answer>,
  status: number,
  code: string,
  ids: readonly string[] = ['bad', 'good'],
): Promise<Answer> {
  const before = await snapshot(ids);
  const a = await what();
  expect({ status: a.status, code: a.code }, `${a.code}: ${a.message}`).toEqual({ status, code });
  expect(a.message).toMatch(/\S+ \S+ \S+/);
  // Give a wrongly accepted transaction time to show.
  await new Promise((r) => setTimeout(r, 300));
  expect(await snapshot(ids)).toBe(before);
  return a;
}

function good(id: string, opensInMs: number): CreateElectionInput {
  return electionInput(c, { id, k: 1, revote: 'once', opensInMs });
}

function withQuestion(input: CreateElectionInput, change: Record<string, unknown>): CreateElectionInput {
  const m = structuredClone(input.manifest) as { questions: Record<string, unknown>[] };
  m.questions[0] = { ...m.questions[0], ...change };
  return { ...input, manifest: m };
}

describe('GET /election/status', () => {
  it('answers the setup phase before any election; refuses other methods and query strings', async () => {
    const s = await electionStatus(c.registrar.url);
    expect(s.phase).toBe('setup');
    expect(s.election).toBeUndefined();
    const post = await send('/election/status', { body: '{}', token: null });
    expect(post.status).toBe(404);
    expect(post.code).toBe('ROUTE_NOT_FOUND');
    const q = await send('/election/status?phase=done', { method: 'GET', token: null });
    expect([200, 400]).toContain(q.status);
    if (q.status === 400) expect(q.code).toBe('QUERY_INVALID');
  });
});

describe('POST /election/admin/create: refused, nothing stored', () => {
  it('before the roll holds a voter: ELECTION_INVALID', async () => {
    const a = await refused(() => create(good('bad', 20_000)), 422, 'ELECTION_INVALID');
    expect(a.message).toMatch(/roll/);
  });

  it('token, body encoding and schema', async () => {
    await rollOf(c, 2, session);
    const body = JSON.stringify(good('bad', 20_000));
    await refused(() => create(good('bad', 20_000), { token: null }), 401, 'UNAUTHORIZED');
    await refused(() => create(good('bad', 20_000), { token: 'x'.repeat(64) }), 401, 'UNAUTHORIZED');
    await refused(
      () => send('/election/admin/create', { body: `${body.slice(0, -1)},}` }),
      400,
      'JSON_INVALID',
    );
    await refused(() => send('/election/admin/create', { body: '[1,2' }), 400, 'JSON_INVALID');
    await refused(
      () => send('/election/admin/create', { body, type: 'text/plain' }),
      415,
      'CONTENT_TYPE_UNSUPPORTED',
    );
    await refused(() => create({ ...good('bad', 20_000), opens_at: 'tomorrow' }), 400, 'BODY_INVALID');
    await refused(() => create({ ...good('bad', 20_000), colour: 'blue' }), 400, 'BODY_INVALID');
    const { boxes: _b, ...noBoxes } = good('bad', 20_000);
    await refused(() => create(noBoxes), 400, 'BODY_INVALID');
    await refused(() => create({ ...good('bad', 20_000), id: '-bad id' }), 400, 'BODY_INVALID');
    await refused(() => create({ ...good('bad', 20_000), scheme: 'rot13' }), 400, 'BODY_INVALID');
  });

  it('impossible manifests: MANIFEST_INVALID naming the question', async () => {
    const minMax = await refused(
      () => create(withQuestion(good('bad', 20_000), { kind: 'approval', min: 3, max: 2 })),
      422,
      'MANIFEST_INVALID',
    );
    expect(minMax.message).toMatch(/min 3 exceeds max 2/);
    const dup = await refused(
      () =>
        create(
          withQuestion(good('bad', 20_000), {
            options: [
              { id: 'ada', text: 'Ada' },
              { id: 'ada', text: 'Ada again' },
            ],
          }),
        ),
      422,
      'MANIFEST_INVALID',
    );
    expect(dup.message).toMatch(/ada/);
    await refused(() => create({ ...good('bad', 20_000), manifest: 'a ballot' }), 422, 'MANIFEST_INVALID');
  });

  it('impossible definitions: schedule, trustees, boxes', async () => {
    const past = { ...good('bad', 20_000), opens_at: Date.now() - 60_000 };
    const p = await refused(() => create(past), 422, 'ELECTION_INVALID');
    expect(p.message).toMatch(/opens_at .* must be in the future/);
    const g = good('bad', 20_000);
    const early = await refused(() => create({ ...g, closes_at: g.opens_at - 1 }), 422, 'ELECTION_INVALID');
    expect(early.message).toMatch(/closes_at/);
    await refused(() => create({ ...g, closes_at: g.opens_at }), 422, 'ELECTION_INVALID');
    const kn = await refused(
      () => create({ ...g, trustees: { ...g.trustees, k: 2 } }),
      422,
      'ELECTION_INVALID',
    );
    expect(kn.message).toMatch(/k/);
    await refused(() => create({ ...g, trustees: { ...g.trustees, n: 2 } }), 422, 'ELECTION_INVALID');
    const box = g.boxes[0]!;
    await refused(() => create({ ...g, boxes: [box, box] }), 422, 'ELECTION_INVALID');
    await refused(
      () => create({ ...g, boxes: [{ ...box, url: 'ftp://box.example.org/' }] }),
      422,
      'ELECTION_INVALID',
    );
    // A box key that is no Ed25519 public key (the identity point, of small order).
    await refused(
      () => create({ ...g, boxes: [{ ...box, key: `01${'0'.repeat(62)}` }] }),
      422,
      'ELECTION_INVALID',
    );
    // Two trustees where the Paillier scheme has one key holder.
    const two = {
      n: 2,
      k: 1,
      members: [g.trustees.members[0]!, { index: 2, name: 'box-1', key: g.boxes[0]!.key }],
    };
    await refused(() => create({ ...g, scheme: 'paillier', trustees: two }), 422, 'ELECTION_INVALID');
  });
});

describe('closing', () => {
  let closeTx = '';

  it('with no election on the ledger: NOT_FOUND on both routes', async () => {
    await refused(() => closeNode(), 404, 'NOT_FOUND');
    await refused(() => closeRegistrar('good'), 404, 'NOT_FOUND');
    await refused(() => closeNode('{}', { token: null }), 401, 'UNAUTHORIZED');
    await refused(() => closeNode('{"election":"good"}'), 400, 'BODY_INVALID');
    await refused(() => closeNode('{'), 400, 'JSON_INVALID');
  });

  it('a valid election is created once; a second one is ELECTION_EXISTS', async () => {
    const a = await create(good('good', 25_000));
    expect(a.status).toBe(200);
    expect(a.body.id).toBe('good');
    await refused(() => create(good('other', 20_000)), 409, 'ELECTION_EXISTS', ['other']);
    await waitStatus(c, 'the election on the final ledger', 30_000, (s) => s.final.phase !== 'setup');
    await refused(() => create(good('other', 20_000)), 409, 'ELECTION_EXISTS', ['other']);
  }, 60_000);

  it('before the opening: VOTING_NOT_OPEN on both routes, the same sentence', async () => {
    const a = await refused(() => closeNode(), 409, 'VOTING_NOT_OPEN');
    const b = await refused(() => closeRegistrar('good'), 409, 'VOTING_NOT_OPEN');
    expect(b.message).toBe(a.message);
    await refused(() => closeRegistrar('nope'), 404, 'NOT_FOUND');
  });

  it('once open, the close is taken once; asked again while pending, the same transaction', async () => {
    await waitStatus(c, 'voting open', 60_000, (s) => s.final.phase === 'open');
    const a = await closeNode();
    expect(a.status).toBe(200);
    expect(a.body.status).toBe('submitted');
    closeTx = String(a.body.tx_id);
    expect(closeTx).toMatch(/^[0-9a-f]{64}$/);
    const again = await closeRegistrar('good');
    if (again.status === 200) expect(again.body.tx_id).toBe(closeTx);
    else expect(again.code).toBe('ELECTION_CLOSED');
  }, 90_000);

  it('once the close is in a block: ELECTION_CLOSED on both routes, naming the close', async () => {
    // The close in a final block (the export holds final blocks).
    await waitStatus(c, 'the close on the final ledger', 30_000, (s) =>
      ['closed', 'decrypting', 'done'].includes(s.final.phase),
    );
    const a = await refused(() => closeNode(), 422, 'ELECTION_CLOSED');
    expect(a.message).toContain(closeTx);
    const b = await refused(() => closeRegistrar('good'), 422, 'ELECTION_CLOSED');
    expect(b.message).toBe(a.message);
    // One close on the ledger, the one answered.
    const closes = (await send('/api/txs?type=close', { method: 'GET', token: null })).body.txs as {
      id: string;
    }[];
    expect(closes.map((t) => t.id)).toEqual([closeTx]);
  }, 60_000);
});
