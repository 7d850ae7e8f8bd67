/**
 * "Validator console": the blocks awaiting this validator's decision with every rule check the ledger
 * ran on them, approve or reject (with the node's admin token, kept for this tab), and the decisions
 * signed so far. Reads `GET /api/validator` every 2 seconds.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { PEER_CLIENT_ROUTES } from '../../../../src/node/http/peer-client.js';
import type { PendingBlock, ValidatorView } from '../../../../src/node/http/validator-routes.js';
import { clientOf } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Loading, PageFrame } from '../../ui/notice.js';
import { History } from './history.js';
import { PendingCard } from './pending.js';
import { loadToken, storeToken, TokenPanel } from './token.js';
import './validator.css';

/** Period of the refresh. */
const REFRESH_MS = 2000;

interface Loaded {
  readonly view?: ValidatorView;
  readonly error?: Shown;
  readonly at?: number;
}

/** Polls the validator view; `refresh()` reads it at once. */
function useValidatorView(): Loaded & { refresh: () => Promise<void> } {
  const [state, setState] = useState<Loaded>({});
  const busy = useRef(false);
  const refresh = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const view = await clientOf(PEER_CLIENT_ROUTES).validator();
      setState({ view, at: Date.now() });
    } catch (e) {
      setState((s) => ({ ...s, error: shown(e) }));
    } finally {
      busy.current = false;
    }
  }, []);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return { ...state, refresh };
}

export default function ValidatorPage() {
  const { view, error, at, refresh } = useValidatorView();
  const [token, setToken] = useState<string | undefined>(loadToken);
  const [tokenProblem, setTokenProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const doneRef = useRef<HTMLParagraphElement>(null);

  const keep = (v: string | undefined) => {
    storeToken(v);
    setToken(v);
    if (v !== undefined) setTokenProblem(undefined);
  };

  const decide = async (p: PendingBlock, verdict: 'approve' | 'reject', reason?: string) => {
    if (token === undefined) return;
    try {
      await clientOf(PEER_CLIENT_ROUTES, undefined, token).validatorDecide({
        body: { block_id: p.id, verdict, ...(reason !== undefined ? { reason } : {}) },
      });
    } catch (e) {
      const s = shown(e);
      if (s.code === 'UNAUTHORIZED') {
        keep(undefined);
        setTokenProblem(t('validator.token.rejected'));
      }
      throw e;
    }
    setDone(
      t(verdict === 'approve' ? 'validator.decided.approve' : 'validator.decided.reject', {
        height: p.height,
      }),
    );
    await refresh();
    doneRef.current?.focus();
  };

  const notValidator = !view && error?.code === 'NOT_FOUND';
  return (
    <PageFrame title={t('validator.title')}>
      <p>{t('validator.intro')}</p>
      {notValidator ? (
        <>
          <p>{t('validator.notValidator')}</p>
          <ErrorNote error={error} />
        </>
      ) : (
        <>
          {error && <ErrorNote error={error} onRetry={() => void refresh()} />}
          {!view && !error && <Loading />}
          {view && (
            <>
              <dl class="facts panel">
                <dt>{t('validator.key')}</dt>
                <dd class="mono break">{view.key}</dd>
                <dt>{t('validator.mode')}</dt>
                <dd>
                  <span class="badge" data-mode={view.mode}>
                    {t(view.mode === 'auto' ? 'validator.mode.auto' : 'validator.mode.manual')}
                  </span>
                </dd>
              </dl>
              <p>{t(view.mode === 'auto' ? 'validator.autoExplain' : 'validator.manualExplain')}</p>
              {at !== undefined && (
                <p class="muted small">
                  {t('validator.refresh', { time: new Date(at).toLocaleTimeString() })}
                </p>
              )}
              {view.mode === 'manual' && (
                <>
                  <TokenPanel token={token} onToken={keep} problem={tokenProblem} />
                  <p ref={doneRef} tabIndex={-1} class="ok" aria-live="polite">
                    {done ?? ''}
                  </p>
                  <h2>{t('validator.pending.title', { count: view.pending_total })}</h2>
                  {view.pending_total > view.pending.length && (
                    <p class="muted">
                      {t('validator.pending.more', { shown: view.pending.length, total: view.pending_total })}
                    </p>
                  )}
                  {view.pending.length === 0 ? (
                    <p class="muted">{t('validator.pending.none')}</p>
                  ) : (
                    <ul class="pending-list" aria-label={t('validator.pending.list')}>
                      {view.pending.map((p) => (
                        <PendingCard key={p.id} block={p} canDecide={token !== undefined} decide={decide} />
                      ))}
                    </ul>
                  )}
                </>
              )}
              <h2>{t('validator.history.title')}</h2>
              <History history={view.history} />
            </>
          )}
        </>
      )}
    </PageFrame>
  );
}
