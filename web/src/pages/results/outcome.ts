/**
 * The outcome of the in-browser verification, kept for the tab (sessionStorage) under the ledger head it
 * was computed for, so `/results` shows "verified" only for the ledger the report actually checked; and
 * the whole report, so `/results/report` shows it again for an unchanged ledger without downloading it.
 */
import type { VerifyReport } from '../../../../src/verify/types.js';

/** What is kept of one verification. */
export interface VerifiedOutcome {
  readonly ok: boolean;
  /** Number of checks and of failed checks. */
  readonly checks: number;
  readonly failed: number;
  /** Milliseconds since the epoch when it finished. */
  readonly at: number;
}

const PREFIX = 'pnyx.verified.';

/** The kept outcome of the ledger whose last block is `head`, if the report ran on it in this tab. */
export function outcomeFor(head: string): VerifiedOutcome | undefined {
  try {
    const v = sessionStorage.getItem(PREFIX + head);
    return v ? (JSON.parse(v) as VerifiedOutcome) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the outcome for `head` (and the head as the last one verified). */
export function keepOutcome(head: string, o: VerifiedOutcome): void {
  try {
    sessionStorage.setItem(PREFIX + head, JSON.stringify(o));
    sessionStorage.setItem(`${PREFIX}last`, head);
  } catch {
    // Storage full or disabled: the badge then asks for the report again.
  }
}

/** The head of the last ledger the report verified in this tab. */
export function lastVerifiedHead(): string | undefined {
  try {
    return sessionStorage.getItem(`${PREFIX}last`) ?? undefined;
  } catch {
    return undefined;
  }
}

/** A whole report as the report page shows it. */
export interface KeptReport {
  readonly report: VerifyReport;
  readonly downloadSeconds: number;
}

/** JSON has no BigInt (a report's results count with them): kept as `{"$bigint": "digits"}`. */
const toText = (_: string, v: unknown): unknown => (typeof v === 'bigint' ? { $bigint: v.toString() } : v);
const fromText = (_: string, v: unknown): unknown =>
  v !== null &&
  typeof v === 'object' &&
  Object.keys(v).length === 1 &&
  typeof (v as { $bigint?: unknown }).$bigint === 'string' &&
  /^-?\d+$/.test((v as { $bigint: string }).$bigint)
    ? BigInt((v as { $bigint: string }).$bigint)
    : v;

/** Keeps the report of the ledger whose last block is `head` (one report: the newest replaces it). */
export function keepReport(head: string, r: KeptReport): void {
  try {
    sessionStorage.setItem(`${PREFIX}report`, JSON.stringify({ head, ...r }, toText));
  } catch {
    // Storage full or disabled: the next visit verifies again.
  }
}

/** The kept report of the ledger whose last block is `head`, if this tab verified that ledger. */
export function reportFor(head: string): KeptReport | undefined {
  try {
    const v = sessionStorage.getItem(`${PREFIX}report`);
    const kept = v ? (JSON.parse(v, fromText) as KeptReport & { head: string }) : undefined;
    return kept && kept.head === head
      ? { report: kept.report, downloadSeconds: kept.downloadSeconds }
      : undefined;
  } catch {
    return undefined;
  }
}
