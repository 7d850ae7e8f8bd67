/** Messages between the report page and its verifier worker. */
import type { CheckResult, VerifyReport } from '../../../../src/verify/types.js';
import type { VerifyStage } from './verify-run.js';

/** The page asks the worker to verify the export at `url`. */
export interface VerifyRequest {
  readonly url: string;
}

/** What the worker reports, in order: progress lines, each check, then the report or a failure. */
export type VerifyMessage =
  | { readonly kind: 'download'; readonly bytes: number; readonly lines: number }
  | { readonly kind: 'stage'; readonly stage: VerifyStage; readonly done: number; readonly total: number }
  | { readonly kind: 'check'; readonly check: CheckResult }
  | {
      readonly kind: 'done';
      readonly report: VerifyReport;
      /** Id of the export's last block: the ledger head the outcome is about. */
      readonly head: string;
      readonly downloadSeconds: number;
    }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };
