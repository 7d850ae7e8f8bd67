/**
 * "Check my ballot": a tracker, a receipt or its QR code in; out, where the ballot is on the ledger and
 * whether it counts — answered from the page's own checked copy of the ledger, read in a worker.
 */

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { ReceiptCheck } from '../../../../src/client/check.js';
import { homeUrl } from '../../api/clients.js';
import { t } from '../../i18n/index.js';
import { describedBy, ErrorNote, FieldNotes, PageFrame } from '../../ui/notice.js';
import type { CheckMessage, CheckRequest, PendingRecord } from './check-protocol.js';
import { readCheckInput } from './input.js';
import { QrReader } from './qr.js';
import { CheckResult } from './result.js';
import './check.css';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly check: ReceiptCheck; readonly unfinal: readonly PendingRecord[] }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

/** Starts a check in a worker (in the page when workers are not available); returns a cancel. */
function startCheck(req: CheckRequest, on: (m: CheckMessage) => void): () => void {
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = undefined;
  }
  if (!worker) {
    let live = true;
    void import('./check-run.js').then((m) => m.runCheck(req, (x) => live && on(x)));
    return () => {
      live = false;
    };
  }
  const w = worker;
  w.onmessage = (e: MessageEvent<CheckMessage>) => {
    on(e.data);
    if (e.data.kind !== 'progress') w.terminate();
  };
  w.onerror = (e) => {
    on({ kind: 'error', code: 'WORKER_FAILED', message: e.message || t('check.workerFailed') });
    w.terminate();
  };
  w.postMessage(req);
  return () => w.terminate();
}

export default function CheckPage() {
  const { query } = useLocation();
  const [text, setText] = useState(query.tracker ?? '');
  const [error, setError] = useState<string | undefined>();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const cancel = useRef<(() => void) | undefined>(undefined);

  const run = useCallback((value: string) => {
    const input = readCheckInput(value);
    if (!input.ok) {
      setError(t(input.error));
      return;
    }
    setError(undefined);
    cancel.current?.();
    setState({ kind: 'running', done: 0, total: 0 });
    cancel.current = startCheck({ node: homeUrl(), input: input.value }, (m) => {
      if (m.kind === 'progress') setState({ kind: 'running', done: m.done, total: m.total });
      else if (m.kind === 'result') setState({ kind: 'done', check: m.check, unfinal: m.unfinal });
      else setState({ kind: 'failed', code: m.code, message: m.message });
    });
  }, []);

  useEffect(() => {
    if (query.tracker) run(query.tracker);
    return () => cancel.current?.();
  }, []);

  const scanned = useCallback(
    (value: string) => {
      setText(value);
      run(value);
    },
    [run],
  );

  const running = state.kind === 'running';
  return (
    <PageFrame title={t('check.title')}>
      <p>{t('check.intro')}</p>
      <form
        class="panel"
        onSubmit={(e) => {
          e.preventDefault();
          run(text);
        }}
      >
        <div class={error ? 'field invalid' : 'field'}>
          <label for="check-input">{t('check.input.label')}</label>
          <textarea
            id="check-input"
            rows={3}
            value={text}
            spellcheck={false}
            autocomplete="off"
            aria-invalid={error ? 'true' : 'false'}
            aria-describedby={describedBy('check-input', true, error)}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <FieldNotes id="check-input" hint={t('check.input.hint')} error={error} />
        </div>
        <div class="actions">
          <button type="submit" disabled={running}>
            {t('check.submit')}
          </button>
        </div>
        <QrReader onText={scanned} />
      </form>
      <p class="progress" aria-live="polite">
        {running &&
          (state.total > 0
            ? t('check.progress', { done: state.done, total: state.total })
            : t('check.progressStart'))}
      </p>
      <section class="check-result" data-testid="check-result" aria-live="polite" aria-busy={running}>
        {state.kind === 'done' && <CheckResult check={state.check} unfinal={state.unfinal} />}
        {state.kind === 'failed' && (
          <ErrorNote error={{ code: state.code, message: state.message }} onRetry={() => run(text)} />
        )}
      </section>
      <p class="muted small">{t('check.trust')}</p>
    </PageFrame>
  );
}
