/**
 * The ballot-box service (seed 000's "Ballot", seed 001's "ballot server"). It accepts a cast only if the
 * election is open by the box's clock, the voting key is eligible and assigned to this box (or carries a
 * valid token), the signature and every proof check, and the box rule allows it (resend, one version per
 * ballot id, revote policy, never both cast and audited). It stores the cast and the updated running sum
 * in one transaction — durable before the signed receipt is returned — and forwards it to the ledger.
 *
 * Order of the checks (cheap first, nothing stored on any failure): shape → resend → clock → key
 * published → eligibility → box rule → proofs (worker pool) → clock and box rule again (state may have
 * moved while the proofs were checked) → admit → group commit → receipt.
 */
import { availableParallelism } from 'node:os';
import type { JsonObject, JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { canonicalJson, isJsonObject } from '../../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result, type Success, within } from '../../../crypto/result.js';
import { type DomainFailure, netFail } from '../../../net/errors.js';
import { decideAudit, decideCast } from '../../../protocol/cast/box-rule.js';
import { type CastBallot, castToJson, readCast } from '../../../protocol/cast/cast.js';
import { createReceipt, type Receipt } from '../../../protocol/cast/receipt.js';
import { findBoxByKey } from '../../../protocol/election/boxes.js';
import { electionFingerprint } from '../../../protocol/election/fingerprint.js';
import { isVotingOpen } from '../../../protocol/election/schedule.js';
import { checkAssignedBox } from '../../../protocol/eligibility/checker.js';
import { countRecords, findRecord, loadIndex, type RecordRow } from '../../../store/ballot-box/records.js';
import { getMeta, putMeta } from '../../../store/ballot-box/sum.js';
import { errorMessage, type Startable } from '../../service.js';
import { BallotIndex, type IndexEntry } from './ballot-index.js';
import { type BoxCommitItem, writeBatch } from './commit.js';
import { type BoxEngine, loadEngine } from './engine.js';
import { activeFaults } from './faults.js';
import { Forwarder } from './forwarder.js';
import { GroupCommit } from './group-commit.js';
import { sha256HexOf } from './hashing.js';
import type { AuditAnswer, BallotBoxOptions, RecordView, StatusView, SumView } from './options.js';
import { selectionsToJson } from './running-sum.js';

/** A ballot box. */
export class BallotBox implements Startable {
  /** This box's id in the allow-list. */
  readonly id: string;
  readonly fingerprint: string;
  private readonly index = new BallotIndex();
  private readonly commits: GroupCommit<BoxCommitItem>;
  private readonly forwarder: Forwarder;
  private engineLoad: Promise<BoxEngine> | undefined;
  private engine: BoxEngine | undefined;

  /** Throws if the node's key is not an allow-listed box of the election (a configuration problem). */
  constructor(private readonly o: BallotBoxOptions) {
    const box = findBoxByKey(o.election.boxes, o.identity.publicKey);
    if (!box)
      throw new Error(
        `this node's key ${o.identity.publicKey} is not a ballot box of election ${o.election.id}`,
      );
    this.id = box.id;
    this.fingerprint = electionFingerprint(o.election);
    this.commits = new GroupCommit(
      (items) => this.write(items),
      o.tuning?.maxBatch ?? 256,
      o.tuning?.lingerMs ?? 8,
    );
    const faults = activeFaults(o.faults);
    this.forwarder = new Forwarder({
      db: o.db,
      writer: o.writer,
      ledger: o.ledger,
      signer: {
        ed: o.ed,
        identity: o.identity,
        chain: o.ledger.chain,
        box: box.id,
        alter: faults.includes('alter'),
      },
      logger: o.logger,
      drop: faults.includes('drop'),
      ...(o.tuning?.retryMs !== undefined ? { retryMs: o.tuning.retryMs } : {}),
      ...(o.tuning?.resubmitMs !== undefined ? { resubmitMs: o.tuning.resubmitMs } : {}),
    });
  }

  /** Checks the database belongs to this election, loads the index and starts forwarding. */
  async start(): Promise<void> {
    const db = this.o.db.db;
    const stored = await getMeta(db, 'election');
    if (stored === undefined) await putMeta(db, 'election', this.fingerprint);
    else if (stored !== this.fingerprint)
      throw new Error(`this database holds the ballots of election ${stored}, not ${this.fingerprint}`);
    for (const r of await loadIndex(db)) this.index.add(entryOfRow(r));
    const faults = activeFaults(this.o.faults);
    if (faults.length > 0)
      this.o.logger.error({ faults }, 'FAULT INJECTION: this ballot box cheats on purpose');
    await this.forwarder.start();
    this.o.logger.info({ box: this.id, election: this.fingerprint }, 'ballot box started');
  }

  /** Stops forwarding, waits for the commits in flight, stops the proof checkers and the writer. */
  async stop(): Promise<void> {
    await this.forwarder.stop();
    await this.commits.idle();
    const engine = await this.engineLoad?.catch(() => undefined);
    await engine?.verifier.close();
    await this.o.writer.close();
  }

  /** The engine, loaded on first use once the election key exists. */
  private async loadedEngine(): Promise<BoxEngine | undefined> {
    if (this.engineLoad === undefined) {
      const key = this.o.electionKey();
      if (key === undefined) return undefined;
      const options = {
        workers: this.o.workers ?? availableParallelism(),
        ...(this.o.workerUrl ? { workerUrl: this.o.workerUrl } : {}),
      };
      const load = loadEngine(this.o.election, key, this.o.db, options).then((e) => {
        this.engine = e;
        return e;
      });
      this.engineLoad = load;
      load.catch((e: unknown) => {
        this.o.logger.error({ err: errorMessage(e) }, 'the ballot box cannot load the election key');
        this.engineLoad = undefined;
      });
    }
    return this.engineLoad;
  }

  /** Voting is open at `time` by the schedule, and the ledger holds no `close`. */
  private open(time: number): boolean {
    return isVotingOpen(this.o.election.schedule, time) && !(this.o.closedOnLedger?.() ?? false);
  }

  private closedFailure(time: number) {
    const { opens_at, closes_at } = this.o.election.schedule;
    return fail(
      'ELECTION_CLOSED',
      time < opens_at
        ? `voting opens at ${new Date(opens_at).toISOString()}`
        : time < closes_at
          ? 'the election was closed on the ledger'
          : `voting closed at ${new Date(closes_at).toISOString()}`,
    );
  }

  /** The stored receipt of a resent cast, once durable. */
  private async repeat(e: IndexEntry): Promise<Result<Receipt>> {
    await e.durable;
    return e.receipt
      ? ok(e.receipt)
      : fail('CAST_INVALID', 'this ballot was audited and can no longer be cast');
  }

  /** Accepts a cast: the signed receipt once it is durable, or why it was refused (nothing stored then). */
  async cast(v: JsonValue): Promise<Result<Receipt>> {
    // 1. Shape and election.
    const read = readCast(v);
    if (!read.ok) return read;
    const cast = read.value;
    if (cast.election !== this.fingerprint)
      return fail('CAST_INVALID', 'cast.election is not the fingerprint of this election');
    // 2. A resend of a stored cast gets its receipt again.
    // The canonical text is hashed for the tracker and stored as it is.
    const text = canonicalJson(castToJson(cast));
    const tracker = sha256HexOf(text);
    const known = this.index.get(tracker);
    if (known) return this.repeat(known);
    // 3. The box's clock is inside the voting window, and the election key exists.
    if (!this.open(this.o.now())) return this.closedFailure(this.o.now());
    const engine = await this.loadedEngine();
    if (!engine)
      return fail('ELECTION_CLOSED', 'the election key is not published yet; voting has not started');
    // 4. Eligibility: the key is eligible (or its token verifies) and assigned to this box.
    const eligible = await this.o.eligibility.check(cast);
    if (!eligible.ok) return eligible;
    const assigned = checkAssignedBox(eligible.value, this.id);
    if (!assigned.ok) return assigned;
    // 5. The box rule, before spending time on proofs.
    const early = decideCast(
      this.o.election.revote,
      this.index.prior(cast.voter_key),
      cast.ballot_id,
      tracker,
    );
    if (!early.ok) return early;
    // 6. Signature and every proof.
    const checked = await engine.verifier.checkCast(v);
    if (!checked.ok) return checked;
    // 7. Again, synchronously from here to admission: the clock and the box rule.
    const time = this.o.now();
    if (!this.open(time)) return this.closedFailure(time);
    const again = this.index.get(tracker);
    if (again) return this.repeat(again);
    const d = decideCast(this.o.election.revote, this.index.prior(cast.voter_key), cast.ballot_id, tracker);
    if (!d.ok) return d;
    // 8. Admit, commit (durable), then answer.
    const receipt = createReceipt(this.o.ed, this.o.identity.secretKey, {
      tracker,
      box: this.id,
      received_at: time,
    });
    const entry: IndexEntry = {
      ...keyOf(cast),
      tracker,
      kind: 'cast',
      received_at: time,
      receipt,
      superseded: false,
    };
    const supersedes = this.o.election.revote === 'last' ? this.index.live(cast.voter_key) : [];
    await this.admit(entry, {
      entry,
      json: text,
      parsed: v as JsonObject,
      cts: checked.value.ciphertexts,
      supersedes,
    });
    this.o.onChecked?.({ cast, tracker, ciphertexts: checked.value.ciphertexts });
    return ok(receipt);
  }

  /** Accepts a Benaloh audit (the ballot id is spoiled at this box) and forwards it. */
  async audit(v: JsonValue): Promise<Result<AuditAnswer>> {
    // 1. Shape of the spoiled cast.
    const read = isJsonObject(v)
      ? readCast(v.cast)
      : fail('AUDIT_INVALID', 'an audit record is a JSON object');
    if (!read.ok) return within('audit', read);
    const cast = read.value;
    // 2. Audits are taken until voting closes, once the key exists.
    const time = this.o.now();
    if (time >= this.o.election.schedule.closes_at || this.o.closedOnLedger?.())
      return this.closedFailure(time);
    const engine = await this.loadedEngine();
    if (!engine) return fail('ELECTION_CLOSED', 'the election key is not published yet');
    // 3. The record: signature by the voting key, cast, re-encryption of the revealed values.
    const checked = await engine.verifier.checkAudit(v);
    if (!checked.ok) return checked;
    const { tracker, plaintext } = checked.value;
    // 4. Cast or audited, never both; one audited version per ballot id.
    const same = this.index.find(cast.voter_key, cast.ballot_id);
    if (same?.kind === 'audit') {
      if (same.tracker !== tracker)
        return fail('AUDIT_INVALID', 'another version of this ballot was audited');
      await same.durable;
      return ok({ tracker, plaintext, received_at: same.received_at });
    }
    const d = decideAudit(this.index.prior(cast.voter_key), cast.ballot_id);
    if (!d.ok) return d;
    const entry: IndexEntry = {
      ...keyOf(cast),
      tracker,
      kind: 'audit',
      received_at: time,
      superseded: false,
    };
    await this.admit(entry, { entry, json: canonicalJson(v), parsed: v as JsonObject, supersedes: [] });
    return ok({ tracker, plaintext, received_at: time });
  }

  /** Adds an entry to the index and commits it; undoes the admission if the commit fails. */
  private async admit(entry: IndexEntry, item: BoxCommitItem): Promise<void> {
    this.index.add(entry);
    for (const s of item.supersedes) s.superseded = true;
    const durable = this.commits.add(item);
    entry.durable = durable;
    try {
      await durable;
    } catch (e) {
      this.index.remove(entry);
      for (const s of item.supersedes) s.superseded = false;
      throw e;
    }
    entry.durable = undefined;
    this.forwarder.notify(entry.tracker, item.parsed);
  }

  /** Commits a batch: records, superseded marks and the new running sum in one transaction. */
  private async write(items: readonly BoxCommitItem[]): Promise<void> {
    const engine = this.engine;
    if (!engine) throw new Error('a commit before the engine was loaded');
    engine.sum = await writeBatch(this.o.db, this.o.writer, engine.ctx.ballot, engine.sum, items);
  }

  /** A stored record by tracker (`NOT_FOUND`). */
  async record(tracker: string): Promise<Success<RecordView> | DomainFailure> {
    const e = this.index.get(tracker);
    await e?.durable?.catch(() => undefined);
    const r = e && (await findRecord(this.o.db.db, tracker));
    if (!r) return netFail('NOT_FOUND', 'this box holds no ballot with this tracker');
    return ok({
      tracker: r.tracker,
      kind: r.kind,
      received_at: r.received_at,
      receipt: e.receipt ?? null,
      superseded: r.superseded,
      forward_state: r.forward_state,
      tx_id: r.tx_id,
      forward_error: r.forward_error,
    });
  }

  /** The running sum and its counts. */
  async sum(): Promise<SumView> {
    const engine = await this.loadedEngine();
    if (!engine) return { count: 0, sum: null, superseded: { count: 0, sum: null } };
    const { ballot } = engine.ctx;
    const s = engine.sum;
    return {
      count: s.count,
      sum: selectionsToJson(ballot, s.sum),
      superseded: { count: s.supersededCount, sum: selectionsToJson(ballot, s.superseded) },
    };
  }

  /** Whether the box takes ballots now, and its counts. */
  async status(): Promise<StatusView> {
    const time = this.o.now();
    const c = await countRecords(this.o.db.db);
    const { opens_at, closes_at } = this.o.election.schedule;
    return {
      box: this.id,
      election: this.fingerprint,
      open: this.open(time),
      opens_at,
      closes_at,
      time,
      key_ready: this.o.electionKey() !== undefined,
      casts: c.casts,
      audits: c.audits,
      superseded: c.superseded,
      pending_forward: c.pending,
      refused: c.refused,
      faults: activeFaults(this.o.faults),
    };
  }
}

function keyOf(c: CastBallot): { voter_key: string; ballot_id: string } {
  return { voter_key: c.voter_key, ballot_id: c.ballot_id };
}

function entryOfRow(r: RecordRow): IndexEntry {
  const receipt = r.receipt === null ? undefined : (JSON.parse(r.receipt) as Receipt);
  return {
    tracker: r.tracker,
    voter_key: r.voter_key,
    ballot_id: r.ballot_id,
    kind: r.kind,
    received_at: r.received_at,
    superseded: r.superseded,
    ...(receipt ? { receipt } : {}),
  };
}
