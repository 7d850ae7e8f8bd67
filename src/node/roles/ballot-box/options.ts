/** The options of a ballot box and the views its endpoints answer with. */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import type { Ed25519 } from '../../../crypto/sig/ed25519.js';
import type { CheckedCast } from '../../../protocol/cast/check.js';
import type { Receipt } from '../../../protocol/cast/receipt.js';
import type { ElectionDefinition } from '../../../protocol/election/definition.js';
import type { Plaintext } from '../../../protocol/selections.js';
import type { BallotBoxDb } from '../../../store/ballot-box/open.js';
import type { RecordRow } from '../../../store/ballot-box/records.js';
import type { BoxWriter } from '../../../store/ballot-box/writer.js';
import type { NodeIdentity } from '../../keys.js';
import type { Clock, NodeLogger } from '../../service.js';
import type { EligibilityView } from './eligibility.js';
import type { BoxFaults } from './faults.js';
import type { LedgerPort } from './ledger-port.js';

/** Everything a box is built from. */
export interface BallotBoxOptions {
  readonly election: ElectionDefinition;
  /** The election key once the key ceremony published it (see `CastSpec`), else `undefined`. */
  readonly electionKey: () => JsonValue | undefined;
  /** True once the ledger holds a `close` of the election (voting then ends before `closes_at`). */
  readonly closedOnLedger?: () => boolean;
  /** The node's identity: its public key must be a box of the election's allow-list. */
  readonly identity: NodeIdentity;
  /** Ed25519 backend for receipts and transactions (the native one on a server). */
  readonly ed: Ed25519;
  readonly db: BallotBoxDb;
  /** Every write of the box (on SQLite, a dedicated thread; see `src/store/ballot-box/writer.ts`). */
  readonly writer: BoxWriter;
  readonly eligibility: EligibilityView;
  readonly ledger: LedgerPort;
  readonly now: Clock;
  readonly logger: NodeLogger;
  /** Proof-checking worker threads; 0 checks on the main thread. Default: the number of cores. */
  readonly workers?: number;
  /** The compiled worker script (default: found beside the module, see `pool.ts`). */
  readonly workerUrl?: URL;
  /** Fault injection (tests and the demo only; see `faults.ts`). */
  readonly faults?: BoxFaults;
  /** Called with every cast that passed its checks (e.g. to seed the ledger's cast cache). */
  readonly onChecked?: (checked: CheckedCast<unknown>) => void;
  readonly tuning?: {
    /** Most records in one commit (default 256). */
    readonly maxBatch?: number;
    /** Time to gather records after a commit before the next, ms (default 8; 0 commits at once). */
    readonly lingerMs?: number;
    /** Forwarding round period when idle, ms (default 1000). */
    readonly retryMs?: number;
    /** Least time between two offers of one record to the ledger, ms (default 10 000). */
    readonly resubmitMs?: number;
  };
}

/** The answer to an accepted audit. */
export interface AuditAnswer {
  readonly tracker: string;
  readonly plaintext: Plaintext;
  readonly received_at: number;
}

/** A stored record as the receipt endpoint shows it. */
export interface RecordView {
  readonly tracker: string;
  readonly kind: 'cast' | 'audit';
  readonly received_at: number;
  readonly receipt: Receipt | null;
  readonly superseded: boolean;
  readonly forward_state: RecordRow['forward_state'];
  readonly tx_id: string | null;
  readonly forward_error: string | null;
}

/** The running sum as the sum endpoint shows it (`null` sums before the election key exists). */
export interface SumView {
  readonly count: number;
  readonly sum: JsonValue[][] | null;
  readonly superseded: { readonly count: number; readonly sum: JsonValue[][] | null };
}

/** The box's status. */
export interface StatusView {
  readonly box: string;
  readonly election: string;
  readonly open: boolean;
  readonly opens_at: number;
  readonly closes_at: number;
  readonly time: number;
  readonly key_ready: boolean;
  readonly casts: number;
  readonly audits: number;
  readonly superseded: number;
  readonly pending_forward: number;
  readonly refused: number;
  readonly faults: string[];
}
