/**
 * The outcome of the in-browser verification, kept for the tab (sessionStorage) under the ledger head it
 * was computed for, so `/results` shows "verified" only for the ledger the report actually checked.
 */

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
