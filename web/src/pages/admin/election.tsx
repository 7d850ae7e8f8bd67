/**
 * The election as it runs: live turnout read from `GET /election/status` every 2 s, the early close
 * (with a confirmation; `POST /election/admin/close`) and then the wait for the trustees' result, and
 * the ledger export to download for `pnyx verify --file`.
 */
import type { Static } from '@sinclair/typebox';
import { useEffect, useState } from 'preact/hooks';
import type { ElectionStatusSchema } from '../../../../src/node/election/routes.js';
import { electionClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { type MessageKey, t } from '../../i18n/index.js';
import { ErrorNote } from '../../ui/notice.js';

/** The answer of `GET /election/status`. */
export type Status = Static<typeof ElectionStatusSchema>;

/** How often the status is read, in milliseconds. */
export const POLL_MS = 2000;

/** The home node's election status, read every {@link POLL_MS}. */
export function useStatus(round: number): { status?: Status; error?: Shown } {
  const [state, setState] = useState<{ status?: Status; error?: Shown }>({});
  useEffect(() => {
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const status = await electionClient().electionStatus();
        if (!gone) setState({ status });
      } catch (e) {
        if (!gone) setState((s) => ({ ...s, error: shown(e) }));
      }
      if (!gone) timer = setTimeout(() => void read(), POLL_MS);
    };
    void read();
    return () => {
      gone = true;
      if (timer) clearTimeout(timer);
    };
  }, [round]);
  return state;
}

const PHASES = ['setup', 'ceremony', 'open', 'closed', 'decrypting', 'done', 'failed'];

/** A phase in words. */
export function phaseName(phase: string): string {
  return PHASES.includes(phase) ? t(`admin.phase.${phase}` as MessageKey) : phase;
}

/** Live turnout tiles. */
export function Turnout({ status }: { status: Status }) {
  const f = status.final;
  const share = f.eligible > 0 ? ` (${((100 * f.counted) / f.eligible).toFixed(1)} %)` : '';
  return (
    <>
      <p>
        {t('admin.live.election', { id: status.election ?? '—' })}{' '}
        <span class="badge">{phaseName(status.phase)}</span>
      </p>
      {status.opens_at !== undefined && status.closes_at !== undefined && (
        <p class="muted">
          {new Date(status.opens_at).toLocaleString()} → {new Date(status.closes_at).toLocaleString()}
        </p>
      )}
      {status.problem && <p class="bad">{status.problem}</p>}
      <dl class="admin-tiles" aria-live="polite">
        <div>
          <dt>{t('admin.live.phase')}</dt>
          <dd class="admin-tile-text">{phaseName(f.phase)}</dd>
        </div>
        <div>
          <dt>{t('admin.live.eligible')}</dt>
          <dd>{f.eligible}</dd>
        </div>
        <div>
          <dt>{t('admin.live.ballots')}</dt>
          <dd>{f.ballots}</dd>
        </div>
        <div>
          <dt>{t('admin.live.counted')}</dt>
          <dd>
            {f.counted}
            {share}
          </dd>
        </div>
        <div>
          <dt>{t('admin.live.decryptions')}</dt>
          <dd>{f.decryptions}</dd>
        </div>
        <div>
          <dt>{t('admin.live.height')}</dt>
          <dd>
            {status.final_height} / {status.height}
          </dd>
        </div>
      </dl>
      <p class="muted">{t('admin.live.hint')}</p>
    </>
  );
}

/** Close voting early, with a confirmation step, then follow the tally until the result is final. */
export function CloseVoting({ status, token }: { status: Status; token: string }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<Shown>();
  const phase = status.phase;
  const closable = phase === 'open';
  const close = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await electionClient(undefined, token).electionClose({ body: {} });
      setSent(r.tx_id);
      setConfirming(false);
    } catch (e) {
      setError(shown(e));
    } finally {
      setBusy(false);
    }
  };
  const results = status.final.results !== undefined;
  return (
    <>
      {closable && !sent && !confirming && (
        <div class="actions">
          <button type="button" disabled={!token} onClick={() => setConfirming(true)}>
            {t('admin.close.button')}
          </button>
        </div>
      )}
      {closable && !token && <p class="field-error">{t('admin.w.noToken')}</p>}
      {confirming && (
        <fieldset class="admin-confirm" aria-labelledby="close-q">
          <p id="close-q" class="warn">
            {t('admin.close.confirm')}
          </p>
          <div class="actions">
            <button type="button" disabled={busy} onClick={close}>
              {t('admin.close.yes')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {t('admin.close.cancel')}
            </button>
          </div>
        </fieldset>
      )}
      {error && <ErrorNote error={error} />}
      {sent && !results && (
        <p aria-live="polite">
          {t('admin.close.sent', { tx: sent.slice(0, 16) })}{' '}
          {t('admin.close.waiting', { phase: phaseName(status.final.phase) })}
        </p>
      )}
      {!closable && !results && status.election && (
        <p class="muted">{t('admin.close.not', { phase: phaseName(phase) })}</p>
      )}
      {results && (
        <p class="ok" aria-live="polite">
          {t('admin.close.done')} <a href="/results">{t('admin.close.results')}</a>
        </p>
      )}
    </>
  );
}

/** The ledger export link, for offline verification. */
export function DownloadLedger({ election }: { election?: string | undefined }) {
  return (
    <>
      <p>
        <a class="button secondary" href="/api/export" download={`pnyx-ledger-${election ?? 'export'}.jsonl`}>
          {t('admin.ledger.download')}
        </a>
      </p>
      <p class="muted">{t('admin.ledger.hint')}</p>
      <pre class="mono admin-cmd">pnyx verify --file pnyx-ledger-{election ?? 'export'}.jsonl</pre>
    </>
  );
}
