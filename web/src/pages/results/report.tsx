/**
 * `/results/report`: downloads the node's ledger export and runs the project's verifier on it in a
 * worker of this browser, printing a progress line and each check as it finishes; the outcome is kept
 * for this tab under the verified ledger head, which is what the badge of `/results` reads. A visit while
 * the node's head is the one this tab verified shows the kept report instead of downloading the ledger
 * again ("Verify again" always downloads).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CheckResult, VerifyReport } from '../../../../src/verify/types.js';
import { ledgerClient } from '../../api/clients.js';
import type { Shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, PageFrame } from '../../ui/notice.js';
import { countsOf } from './election-data.js';
import { keepOutcome, keepReport, reportFor } from './outcome.js';
import type { VerifyMessage } from './verify-protocol.js';
import './results.css';

interface Progress {
  readonly text: string;
  readonly done: number;
  readonly total: number;
}

interface Finished {
  readonly report: VerifyReport;
  readonly head: string;
  readonly downloadSeconds: number;
  /** Shown from this tab's earlier run on the same head, not run again. */
  readonly kept?: boolean;
}

function progressOf(m: VerifyMessage): Progress | undefined {
  if (m.kind === 'download')
    return {
      text: t('report.download', { kb: Math.round(m.bytes / 1000), lines: m.lines }),
      done: 0,
      total: 0,
    };
  if (m.kind === 'stage')
    return {
      text: t(`report.stage.${m.stage}`, { done: m.done, total: m.total }),
      done: m.done,
      total: m.total,
    };
  return undefined;
}

function CheckItem({ c }: { c: CheckResult }) {
  return (
    <li data-ok={c.ok ? 'true' : 'false'}>
      <span class={`badge ${c.ok ? 'ok' : 'bad'}`}>
        {c.ok ? `✓ ${t('report.ok')}` : `✗ ${t('report.failed')}`}
      </span>{' '}
      <strong>{c.name}</strong>
      <p class="summary muted">{c.summary}</p>
      {c.problems.length > 0 && (
        <ul>
          {c.problems.map((p) => (
            <li key={`${p.object}|${p.code}`} class="bad mono">
              {t('report.problem', { object: p.object, code: p.code, message: p.message })}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Verdict({ f }: { f: Finished }) {
  const r = f.report;
  const failed = r.checks.filter((c) => !c.ok).length;
  const results = countsOf(r.results);
  return (
    <>
      <p class={`report-verdict ${r.ok ? 'ok' : 'bad'}`} aria-live="polite">
        {r.ok
          ? t('report.passed', {
              checks: r.checks.length,
              ballots: r.ballots,
              seconds: r.seconds.toFixed(2),
              download: f.downloadSeconds.toFixed(2),
            })
          : t('report.notPassed', { failed, checks: r.checks.length })}
      </p>
      <p class="muted mono">{t('report.head', { head: f.head || '—' })}</p>
      {f.kept && (
        <p class="muted" data-testid="report-kept">
          {t('report.kept')}
        </p>
      )}
      {results && (
        <>
          <h2>{t('report.results')}</h2>
          <ul>
            {results.map((q) => (
              <li key={q.id}>
                <code>{q.id}</code>: {q.counts.map(([o, n]) => `${o} ${n}`).join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The report page. */
export default function Report() {
  const [run, setRun] = useState(0);
  const [progress, setProgress] = useState<Progress>();
  const [checks, setChecks] = useState<CheckResult[]>([]);
  const [finished, setFinished] = useState<Finished>();
  const [error, setError] = useState<Shown>();
  const [busy, setBusy] = useState(false);
  const worker = useRef<Worker>();

  useEffect(() => {
    if (typeof Worker === 'undefined') {
      setError({ code: 'UNSUPPORTED', message: t('report.noWorker') });
      return;
    }
    setChecks([]);
    setFinished(undefined);
    setError(undefined);
    setProgress(undefined);
    setBusy(true);
    let w: Worker | undefined;
    let gone = false;
    const show = (f: Finished) => {
      setChecks([...f.report.checks]);
      setFinished(f);
      setBusy(false);
    };
    // On the first visit, the report this tab kept for the node's current head, if any.
    const kept =
      run === 0
        ? ledgerClient()
            .chain()
            .then(
              (c) => {
                const k = reportFor(c.head.id);
                return k ? { ...k, head: c.head.id, kept: true } : undefined;
              },
              () => undefined,
            )
        : Promise.resolve(undefined);
    void kept.then((k) => {
      if (gone) return;
      if (k) show(k);
      else w = start();
    });
    return () => {
      gone = true;
      w?.terminate();
    };
  }, [run]);

  /** Starts the worker that downloads the export and verifies it. */
  const start = (): Worker => {
    const w = new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (e: MessageEvent<VerifyMessage>) => {
      const m = e.data;
      const p = progressOf(m);
      if (p) setProgress(p);
      else if (m.kind === 'check') setChecks((cs) => [...cs, m.check]);
      else if (m.kind === 'done') {
        const failed = m.report.checks.filter((c) => !c.ok).length;
        if (m.head) {
          keepOutcome(m.head, { ok: m.report.ok, checks: m.report.checks.length, failed, at: Date.now() });
          keepReport(m.head, { report: m.report, downloadSeconds: m.downloadSeconds });
        }
        setFinished({ report: m.report, head: m.head, downloadSeconds: m.downloadSeconds });
        setBusy(false);
        w.terminate();
      } else if (m.kind === 'error') {
        setError({ code: m.code, message: m.message });
        setBusy(false);
        w.terminate();
      }
    };
    w.onerror = (e) => {
      setError({ code: 'WORKER_FAILED', message: e.message });
      setBusy(false);
    };
    w.postMessage({ url: new URL('/api/export', window.location.origin).toString() });
    return w;
  };

  return (
    <PageFrame title={t('report.title')}>
      <p>{t('report.intro')}</p>
      <div class="report-progress" aria-live="polite">
        {progress && (
          <>
            <label for="report-progress">{progress.text}</label>
            <progress
              id="report-progress"
              {...(progress.total > 0 ? { value: progress.done, max: progress.total } : {})}
            />
          </>
        )}
      </div>
      {error && <ErrorNote error={error} onRetry={() => setRun((r) => r + 1)} />}
      {finished && <Verdict f={finished} />}
      {checks.length > 0 && (
        <>
          <h2>{t('report.checks')}</h2>
          <ol class="report-checks">
            {checks.map((c) => (
              <CheckItem key={c.name} c={c} />
            ))}
          </ol>
        </>
      )}
      <div class="actions">
        <button type="button" class="secondary" disabled={busy} onClick={() => setRun((r) => r + 1)}>
          {t('report.again')}
        </button>
        <a class="button secondary" href="/api/export" download="ledger.jsonl">
          {t('report.download.link')}
        </a>
        <a href="/results">{t('report.back')}</a>
      </div>
      <p class="muted">{t('report.offline')}</p>
    </PageFrame>
  );
}
