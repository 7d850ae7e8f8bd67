/**
 * The trustee role inside a node (`pnyx node --roles trustee`): the service watches the node's own
 * ledger replica and submits through its intake. Secrets live in `DATA_DIR/NAME-trustee/`.
 */
import { join } from 'node:path';
import type { Rng } from '../../../crypto/rng.js';
import type { Ed25519 } from '../../../crypto/sig/ed25519.js';
import type { ElectionLedgerState } from '../../../ledger/election/state.js';
import type { NodeIdentity } from '../../keys.js';
import type { PnyxNode } from '../../node.js';
import type { NodeLogger, Startable } from '../../service.js';
import type { TrusteeFaults } from './faults.js';
import { chainSource } from './ledger-source.js';
import { SecretsFile } from './secrets-file.js';
import { TrusteeService } from './service.js';
import { intakeSubmit } from './submit.js';
import type { SuiteFor } from './suite.js';

/** Where a trustee named `name` keeps its secrets files. */
export function trusteeSecretsDir(dataDir: string, name: string): string {
  return join(dataDir, `${name}-trustee`);
}

/** What the role needs from the node process. */
export interface NodeTrusteeOptions {
  readonly node: PnyxNode<ElectionLedgerState>;
  readonly ed: Ed25519;
  /** The node's identity key: the trustee key of the election definition. */
  readonly identity: NodeIdentity;
  readonly suiteFor: SuiteFor;
  readonly dataDir: string;
  readonly name: string;
  readonly rng: Rng;
  readonly logger: NodeLogger;
  readonly mode?: 'auto' | 'manual';
  readonly faults?: TrusteeFaults;
}

/** The trustee service of a node, with its chain watch released on stop. */
export function nodeTrustee(o: NodeTrusteeOptions): Startable & { readonly service: TrusteeService } {
  const source = chainSource(o.node.chain);
  const service = new TrusteeService(
    {
      ed: o.ed,
      identity: o.identity,
      suiteFor: o.suiteFor,
      secrets: new SecretsFile(trusteeSecretsDir(o.dataDir, o.name)),
      rng: o.rng,
      submitTx: intakeSubmit(o.node.intake),
      ...(o.faults ? { faults: o.faults } : {}),
    },
    source,
    { mode: o.mode ?? 'auto', logger: o.logger },
  );
  return {
    service,
    start: () => service.start(),
    async stop() {
      await service.stop();
      source.close();
    },
  };
}
