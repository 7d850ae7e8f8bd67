/**
 * A whole election on an in-memory authority ledger: people and keys, the definition, a ledger whose
 * blocks are mined at hardness 0, and helpers that make and post the records of registrar, trustees,
 * voters and ballot boxes.
 */
import { toHex } from '../../../src/crypto/bytes.js';
import type { JsonObject, JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import { sha256 } from '../../../src/crypto/encoding/hash.js';
import type { Group } from '../../../src/crypto/group/group.js';
import { ed25519Native } from '../../../src/crypto/node/ed25519-native.js';
import { unwrap } from '../../../src/crypto/result.js';
import type { Rng } from '../../../src/crypto/rng.js';
import { createAnnouncement } from '../../../src/crypto/threshold/announcement.js';
import { AuthorityLedger } from '../../../src/ledger/authority/ledger.js';
import type { TxContext, TxRegistry } from '../../../src/ledger/authority/registry.js';
import { signTx, type Tx, txJson } from '../../../src/ledger/authority/tx.js';
import { blockJson } from '../../../src/ledger/block.js';
import {
  ballotBody,
  type CastCache,
  ceremonyAt,
  type ElectionEnv,
  type ElectionKey,
  type ElectionLedgerState,
  type ElectionState,
  electionRegistry,
  electionView,
} from '../../../src/ledger/election/index.js';
import type { LedgerCheck, LedgerResult } from '../../../src/ledger/errors.js';
import { MemoryStore } from '../../../src/ledger/memory-store.js';
import { searchNonceSync } from '../../../src/ledger/pow.js';
import { castToJson } from '../../../src/protocol/cast/cast.js';
import { type CreatedCast, createCast } from '../../../src/protocol/cast/create.js';
import { createReceipt, receiptToJson } from '../../../src/protocol/cast/receipt.js';
import type { CeremonyState } from '../../../src/protocol/ceremony/threshold-types.js';
import { type TrusteeKeys, trusteeStep } from '../../../src/protocol/ceremony/trustee.js';
import { buildElection, type ElectionInput } from '../../../src/protocol/election/build.js';
import type { ElectionDefinition } from '../../../src/protocol/election/definition.js';
import { rollCommitment, rollEntryCommitment } from '../../../src/protocol/election/roll.js';
import { electionToJson } from '../../../src/protocol/election/write.js';
import type { Plaintext } from '../../../src/protocol/selections.js';
import { MANIFEST } from '../../protocol/fixtures.js';

export const ed = ed25519Native;

/** The value of a ledger result, or a thrown error naming its code. */
export function lunwrap<T>(r: LedgerResult<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

/** Someone with an Ed25519 key. */
export interface Person {
  readonly name: string;
  readonly sk: Uint8Array;
  readonly pk: string;
}

/** A deterministic person. */
export function person(name: string): Person {
  const sk = sha256(`pnyx election ledger test ${name}`);
  return { name, sk, pk: toHex(ed.publicKeyFromSecret(sk)) };
}

export const REGISTRAR = person('registrar');
export const BOXES = ['box-a', 'box-b', 'box-c'].map(person);
export const TRUSTEES = ['alice', 'bob', 'carol'].map(person);
export const VALIDATORS = ['v1', 'v2', 'v3'].map(person);
export const VOTERS = ['ana', 'ben', 'cleo', 'dan', 'eli', 'fay'].map(person);
export const OUTSIDER = person('mallory');

export const T0 = 1_800_000_000_000;
export const OPENS = T0 + 100_000;
export const CLOSES = T0 + 200_000;

/** The definition of a test election (2-of-3 trustees, identity keys, `once` unless overridden). */
export function definition(over: Partial<ElectionInput> = {}): ElectionDefinition {
  const input: ElectionInput = {
    id: 'ledger-test',
    manifest: MANIFEST,
    schedule: { opens_at: OPENS, closes_at: CLOSES },
    boxes: BOXES.map((b) => ({ id: b.name, key: b.pk, url: `https://${b.name}.example.org/` })),
    validators: VALIDATORS.map((v) => v.pk),
    quorum: 2,
    hardness: 0,
    trustees: { n: 3, k: 2, members: TRUSTEES.map((t, i) => ({ index: i + 1, name: t.name, key: t.pk })) },
    registrar: REGISTRAR.pk,
    roll: unwrap(
      rollCommitment(
        [0, 1, 2, 3, 4, 5, 6, 7].map((i) => rollEntryCommitment(`login${i}`, `${i}`.repeat(64))),
      ),
    ),
    ...over,
  };
  return unwrap(buildElection(input));
}

/** `P(chair, yes, board)`: a plaintext of the test manifest. */
export function plain(chair: number, yes: boolean, board: readonly number[]): Plaintext {
  return [
    [0, 1, 2, 3, 4].map((i) => (i === chair ? 1 : 0)),
    yes ? [1, 0] : [0, 1],
    [0, 1, 2, 3].map((i) => (board.includes(i) ? 1 : 0)),
  ];
}

/** An election ledger under test. */
export class Harness {
  clock = T0;
  /** Time between blocks posted without an explicit time. */
  step = 1000;
  private constructor(
    readonly ledger: AuthorityLedger<ElectionLedgerState>,
    readonly registry: TxRegistry<ElectionLedgerState>,
    readonly env: ElectionEnv,
    readonly def: ElectionDefinition,
  ) {}

  /** A ledger whose genesis names the registrar (`inGenesis`: carries the definition itself). */
  static async create(env: ElectionEnv, def: ElectionDefinition, inGenesis = false): Promise<Harness> {
    const content: JsonObject = {
      profile: 'authority',
      hardness: 0,
      quorum: 2,
      validators: VALIDATORS.map((v) => v.pk),
      time: T0,
      registrar: REGISTRAR.pk,
      ...(inGenesis ? { election: electionToJson(def) } : {}),
    };
    const genesis = lunwrap(searchNonceSync({ parent_id: '', miner_name: 'registrar', content }, 0));
    const registry = electionRegistry(env);
    let h: Harness | undefined;
    const ledger = lunwrap(
      await AuthorityLedger.open(new MemoryStore(), {
        registry,
        ed,
        now: () => h?.clock ?? T0,
        genesis: blockJson(genesis),
      }),
    );
    h = new Harness(ledger, registry, env, def);
    return h;
  }

  /** A signed transaction of this ledger. */
  tx(who: Person, type: string, body: JsonValue): Tx {
    return signTx(ed, who.sk, { type, author: who.pk, chain: this.ledger.genesis.id, body });
  }

  /** Mines a block with `txs` on the head at `time` (default: one second later) and adds it. */
  async block(txs: readonly Tx[], time = this.clock + this.step): Promise<LedgerResult<{ id: string }>> {
    this.clock = Math.max(this.clock, time);
    const head = this.ledger.head();
    const block = lunwrap(
      searchNonceSync(
        {
          parent_id: head.id,
          miner_name: 'm',
          content: { height: head.height + 1, time, txs: txs.map(txJson) },
        },
        0,
      ),
    );
    return this.ledger.addBlock(blockJson(block));
  }

  /** Like {@link block} but throws when the block is refused. */
  async post(...txs: Tx[]): Promise<void> {
    const r = await this.block(txs);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  }

  /** The registry state at the head. */
  state(): ElectionLedgerState {
    return this.ledger.head().state;
  }

  /** The election at the head. */
  view(now = this.clock): ElectionState {
    return electionView(this.state(), now);
  }

  /** Whether `tx` would be allowed in the next block at `time` (body check, then the rule). */
  attempt(tx: Tx, time = this.clock + 1000): LedgerCheck {
    const rule = this.registry.rule(tx.type);
    if (!rule) return { ok: false, code: 'TX_TYPE_UNKNOWN', message: tx.type };
    const body = rule.checkBody(tx.body, tx);
    if (!body.ok) return body;
    const at: TxContext = { genesis: this.ledger.genesis, height: this.ledger.head().height + 1, time };
    return rule.allowed(this.state(), tx, at);
  }

  /** The election key (the ceremony must be done). */
  key(): ElectionKey {
    const s = this.state();
    const k = ceremonyAt(s, s.setup!, Math.max(this.clock, OPENS)).key;
    if (!k) throw new Error('no election key');
    return k;
  }

  /** A voter's cast. */
  cast(voter: Person, p: Plaintext, rng: Rng, ballotId?: string): CreatedCast {
    return unwrap(
      createCast(
        this.key().cast,
        { voterSecret: voter.sk, plaintext: p, ...(ballotId ? { ballotId } : {}) },
        rng,
      ),
    );
  }

  /** Box `box`'s ballot transaction for `c` (received now unless given). */
  attest(box: Person, c: { cast: CreatedCast['cast']; tracker: string }, receivedAt = this.clock): Tx {
    const receipt = createReceipt(ed, box.sk, { tracker: c.tracker, box: box.name, received_at: receivedAt });
    return this.tx(box, 'ballot', ballotBody(box.name, castToJson(c.cast), receiptToJson(receipt)));
  }

  /** The cast cache of the environment. */
  get cache(): CastCache | undefined {
    return this.env.cache;
  }
}

/** Runs the k-of-n ceremony through the ledger: each round, every online trustee posts its next record. */
export async function runThresholdCeremony<E>(
  h: Harness,
  G: Group<E>,
  rng: Rng,
  offline: readonly number[] = [],
): Promise<TrusteeKeys<E>[]> {
  const setup = h.state().setup!;
  const ctx = setup.crypto.context;
  const params = { n: h.def.trustees.n, k: h.def.trustees.k };
  const keys = TRUSTEES.slice(0, params.n).map((_, i) => createAnnouncement(G, ctx, params, i + 1, rng));
  for (let round = 0, idle = 0; round < 12 && idle < 4; round++) {
    // The trustee's reading: the ceremony records at the latest block time (deadlines applied).
    const detail = setup.crypto.ceremony(h.state().ceremony, h.clock).detail as CeremonyState<E>;
    if (
      detail.phase === 'failed' ||
      (detail.phase === 'done' &&
        detail.confirmed.length === detail.qualified.filter((l) => !offline.includes(l)).length)
    )
      break;
    const txs: Tx[] = [];
    for (const k of keys) {
      const l = k.secrets.trustee;
      if (offline.includes(l)) continue;
      const step = trusteeStep(G, ctx, detail, k, rng);
      if (step.kind === 'publish') txs.push(h.tx(TRUSTEES[l - 1]!, step.type, step.body));
    }
    if (txs.length > 0) await h.post(...txs);
    else {
      // Nobody can act: wait for the next phase deadline with an empty block.
      idle++;
      await h.post();
    }
  }
  return keys;
}
