/** The verification badge: "Verified" only when the report ran in this tab on the current ledger head. */
import { t } from '../../i18n/index.js';
import { outcomeFor } from './outcome.js';

/** The badge of the ledger whose head is `head`, linking to the report. */
export function VerifiedBadge({ head }: { head: string }) {
  const o = outcomeFor(head);
  const state = o ? (o.ok ? 'ok' : 'bad') : 'warn';
  const text = o
    ? o.ok
      ? t('results.badge.verified')
      : t('results.badge.failed')
    : t('results.badge.unchecked');
  const hint = o
    ? o.ok
      ? t('results.badge.verifiedHint', { checks: o.checks })
      : t('results.badge.failedHint', { failed: o.failed, checks: o.checks })
    : t('results.badge.uncheckedHint');
  return (
    <p class="results-badge">
      <a href="/results/report" class={`badge ${state}`} data-testid="verified-badge" data-state={state}>
        {o?.ok ? '✓ ' : o ? '✗ ' : ''}
        {text}
      </a>{' '}
      <span class="muted">{hint}</span>{' '}
      <a href="/results/report">{o ? t('results.badge.open') : t('results.badge.run')}</a>
    </p>
  );
}
