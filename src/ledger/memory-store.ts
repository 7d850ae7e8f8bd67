/** An in-memory {@link LedgerStore} for tests and throw-away nodes (nothing is durable). */
import type {
  LedgerStore,
  PeerRow,
  SigningOutcome,
  SigningRecord,
  StoredApproval,
  StoredBlock,
  StoredPending,
  WriteBatch,
} from './store.js';

/** In-memory store with the same semantics as the database stores. */
export class MemoryStore implements LedgerStore {
  private readonly blocks = new Map<string, StoredBlock>();
  private readonly approvals: StoredApproval[] = [];
  private readonly pending = new Map<string, StoredPending>();
  private readonly signings: SigningRecord[] = [];
  private readonly peerMap = new Map<string, PeerRow>();
  private readonly meta = new Map<string, string>();

  async putBlock(b: StoredBlock): Promise<void> {
    if (!this.blocks.has(b.id)) this.blocks.set(b.id, b);
  }
  async writeBatch(b: WriteBatch): Promise<void> {
    for (const x of b.blocks ?? []) await this.putBlock(x);
    for (const x of b.approvals ?? []) await this.putApproval(x);
    for (const x of b.pending ?? []) await this.putPending(x);
    await this.removePending(b.removePending ?? []);
  }
  async getBlock(id: string): Promise<StoredBlock | undefined> {
    return this.blocks.get(id);
  }
  async allBlocks(): Promise<StoredBlock[]> {
    return [...this.blocks.values()];
  }
  async putApproval(a: StoredApproval): Promise<boolean> {
    if (this.approvals.some((x) => x.block_id === a.block_id && x.validator === a.validator)) return false;
    this.approvals.push(a);
    return true;
  }
  async allApprovals(): Promise<StoredApproval[]> {
    return [...this.approvals];
  }
  async approvalsOf(blockId: string): Promise<StoredApproval[]> {
    return this.approvals.filter((a) => a.block_id === blockId);
  }
  async putPending(p: StoredPending): Promise<void> {
    if (!this.pending.has(p.id)) this.pending.set(p.id, p);
  }
  async removePending(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.pending.delete(id);
  }
  async allPending(): Promise<StoredPending[]> {
    return [...this.pending.values()];
  }
  async recordSigning(r: SigningRecord): Promise<SigningOutcome> {
    const same = this.signings.find((x) => x.validator === r.validator && x.block_id === r.block_id);
    if (same) return { kind: 'existing', record: same };
    const other = this.signings.find(
      (x) => x.validator === r.validator && x.height === r.height && x.verdict === 'approve',
    );
    if (other && r.verdict === 'approve') return { kind: 'conflict', record: other };
    this.signings.push(r);
    return { kind: 'recorded' };
  }
  async signingsAt(validator: string, height: number): Promise<SigningRecord[]> {
    return this.signings.filter((x) => x.validator === validator && x.height === height);
  }
  async upsertPeer(p: PeerRow): Promise<void> {
    this.peerMap.set(p.url, p);
  }
  async peers(): Promise<PeerRow[]> {
    return [...this.peerMap.values()].sort((a, b) => b.score - a.score);
  }
  async getMeta(key: string): Promise<string | undefined> {
    return this.meta.get(key);
  }
  async setMeta(key: string, value: string): Promise<void> {
    this.meta.set(key, value);
  }
  async close(): Promise<void> {}
}
