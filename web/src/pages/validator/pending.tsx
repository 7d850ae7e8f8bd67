/** One block awaiting this validator's decision: what it is, its rule checks, approve or reject. */
import { useState } from 'preact/hooks';
import type { PendingBlock } from '../../../../src/node/http/validator-routes.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Field } from '../../ui/notice.js';
import { Checks } from './checks.js';

/** What the page does with a decision. */
export type Decide = (p: PendingBlock, verdict: 'approve' | 'reject', reason?: string) => Promise<void>;

/** Props of {@link PendingCard}. */
export interface PendingCardProps {
  readonly block: PendingBlock;
  /** Decisions need the admin token. */
  readonly canDecide: boolean;
  readonly decide: Decide;
}

function content(p: PendingBlock): { time?: number; txs: number } {
  const c = p.block.content;
  return {
    ...(typeof c.time === 'number' ? { time: c.time } : {}),
    txs: Array.isArray(c.txs) ? c.txs.length : 0,
  };
}

/** One pending block. */
export function PendingCard({ block: p, canDecide, decide }: PendingCardProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Shown | undefined>();
  const c = content(p);
  const approvable = p.suggestion === 'approve';
  const run = async (verdict: 'approve' | 'reject') => {
    setBusy(true);
    setError(undefined);
    try {
      const r = reason.trim();
      await decide(p, verdict, verdict === 'reject' && r !== '' ? r : undefined);
    } catch (e) {
      setError(shown(e));
    } finally {
      setBusy(false);
    }
  };
  const titleId = `pending-${p.id}`;
  return (
    <li class="panel pending-block" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('validator.block.title', { height: p.height })}</h3>
      <dl class="facts">
        <dt>{t('validator.block.id')}</dt>
        <dd class="mono break">{p.id}</dd>
        <dt>{t('validator.block.miner')}</dt>
        <dd>{p.block.miner_name}</dd>
        {c.time !== undefined && (
          <>
            <dt>{t('validator.block.time')}</dt>
            <dd>{new Date(c.time).toLocaleString()}</dd>
          </>
        )}
        <dt>{t('validator.block.txs')}</dt>
        <dd>{c.txs}</dd>
        <dt>{t('validator.block.status')}</dt>
        <dd>{p.in_ledger && p.status ? t(`validator.status.${p.status}`) : t('validator.block.outside')}</dd>
        <dt>{t('validator.block.approvals')}</dt>
        <dd>
          {p.approvals.filter((a) => a.verdict === 'approve').length} {t('validator.verdict.approve')} ·{' '}
          {p.approvals.filter((a) => a.verdict === 'reject').length} {t('validator.verdict.reject')}
        </dd>
      </dl>
      <p class={approvable ? 'ok' : 'bad'}>
        {approvable
          ? t('validator.suggest.approve')
          : t('validator.suggest.reject', { reason: p.reason ?? '' })}
      </p>
      <Checks checks={p.checks} height={p.height} id={p.id} />
      <Field
        id={`reason-${p.id}`}
        label={t('validator.reason.label', { height: p.height })}
        type="text"
        maxLength={1000}
        value={reason}
        disabled={busy}
        onInput={(e) => setReason((e.target as HTMLInputElement).value)}
      />
      <div class="actions">
        <button
          type="button"
          aria-label={t('validator.approveBlock', { height: p.height })}
          disabled={!canDecide || busy || !approvable}
          onClick={() => void run('approve')}
        >
          {t('validator.approve')}
        </button>
        <button
          type="button"
          class="secondary"
          aria-label={t('validator.rejectBlock', { height: p.height })}
          disabled={!canDecide || busy}
          onClick={() => void run('reject')}
        >
          {t('validator.reject')}
        </button>
      </div>
      {busy && <p aria-live="polite">{t('validator.deciding')}</p>}
      {!canDecide && <p class="hint">{t('validator.needToken')}</p>}
      {canDecide && !approvable && <p class="hint">{t('validator.cannotApprove')}</p>}
      {error && <ErrorNote error={error} />}
    </li>
  );
}
