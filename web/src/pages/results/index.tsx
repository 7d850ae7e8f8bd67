/**
 * `/results`: per question the counts published on the ledger (`GET /election/status`, read at the last
 * final block) as a table and a bar chart, with the manifest's texts, and the verification badge.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Manifest, Question } from '../../../../src/protocol/manifest.js';
import { ledgerClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { type MessageKey, t } from '../../i18n/index.js';
import { ErrorNote, Loading, PageFrame } from '../../ui/notice.js';
import { VerifiedBadge } from './badge.js';
import { BarChart } from './bar-chart.js';
import {
  countsOf,
  type ElectionStatus,
  type QuestionCounts,
  readElectionManifest,
  readStatus,
} from './election-data.js';
import './results.css';

/** How often the page looks again while there are no results, in milliseconds. */
const POLL_MS = 4000;

interface Loaded {
  readonly status: ElectionStatus;
  readonly manifest?: Manifest;
  readonly head: string;
}

function phaseText(phase: string): string {
  const key = `results.phase.${phase}` as MessageKey;
  return t('results.phase', { phase: key in PHASES ? t(key) : phase });
}
const PHASES: Record<string, true> = Object.fromEntries(
  ['setup', 'ceremony', 'open', 'closed', 'decrypting', 'done', 'failed'].map((p) => [
    `results.phase.${p}`,
    true,
  ]),
);

function kindText(q: Question): string {
  if (q.kind === 'approval') return t('results.kind.approval', { min: q.min, max: q.max });
  return t(q.kind === 'yes-no' ? 'results.kind.yes-no' : 'results.kind.one-of-n');
}

function QuestionResult({ counts, question }: { counts: QuestionCounts; question?: Question | undefined }) {
  const total = counts.counts.reduce((s, [, n]) => s + n, 0);
  const optionText = (id: string): string => question?.options.find((o) => o.id === id)?.text ?? id;
  const labels = counts.counts.map(([o]) => optionText(o));
  const title = question?.text ?? counts.id;
  return (
    <section class="panel results-question" aria-labelledby={`q-${counts.id}`}>
      <h2 id={`q-${counts.id}`}>{title}</h2>
      <p class="muted">
        <code>{counts.id}</code>
        {question && ` · ${kindText(question)}`}
      </p>
      <div class="results-grid">
        <div class="table-wrap">
          <table aria-label={counts.id}>
            <thead>
              <tr>
                <th scope="col">{t('results.option')}</th>
                <th scope="col" class="num">
                  {t('results.votes')}
                </th>
                <th scope="col" class="num">
                  {t('results.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.counts.map(([o, n], i) => (
                <tr key={o} data-option={o}>
                  <th scope="row">
                    {labels[i]} {labels[i] !== o && <code class="muted">({o})</code>}
                  </th>
                  <td class="num">{n}</td>
                  <td class="num">{total === 0 ? '–' : `${((100 * n) / total).toFixed(1)} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <BarChart
          label={t('results.chart', { question: title })}
          labels={labels}
          values={counts.counts.map(([, n]) => n)}
        />
      </div>
    </section>
  );
}

/** The results page. */
export default function Results() {
  const [data, setData] = useState<Loaded>();
  const [error, setError] = useState<Shown>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const [status, chain] = await Promise.all([readStatus(), ledgerClient().chain()]);
        // The texts are a nicety: without them the page shows the ids.
        const manifest = status.election ? await readElectionManifest().catch(() => undefined) : undefined;
        if (gone) return;
        setData({ status, head: chain.head.id, ...(manifest ? { manifest } : {}) });
        setError(undefined);
        if (!status.final.results) timer = setTimeout(() => void load(), POLL_MS);
      } catch (e) {
        if (!gone) setError(shown(e));
      }
    };
    void load();
    return () => {
      gone = true;
      if (timer) clearTimeout(timer);
    };
  }, [round]);

  const status = data?.status;
  const counts = status ? countsOf(status.final.results) : undefined;
  return (
    <PageFrame title={t('results.title')}>
      {error && <ErrorNote error={error} onRetry={() => setRound((r) => r + 1)} />}
      {!data && !error && <Loading />}
      {status && (
        <>
          {status.election ? (
            <p>
              <strong>{data?.manifest?.title ?? t('results.election', { id: status.election })}</strong>{' '}
              <span class="muted">· {phaseText(status.final.phase)}</span>
            </p>
          ) : (
            <p>{t('results.noElection')}</p>
          )}
          {counts && data && <VerifiedBadge head={data.head} />}
          {status.election && (
            <p class="muted">
              {t('results.counted', {
                counted: status.final.counted,
                ballots: status.final.ballots,
                eligible: status.final.eligible,
              })}
            </p>
          )}
          {status.election && !counts && <p aria-live="polite">{t('results.none')}</p>}
          {counts?.map((c) => (
            <QuestionResult
              key={c.id}
              counts={c}
              question={data?.manifest?.questions.find((q) => q.id === c.id)}
            />
          ))}
          {status.final.result_tx && (
            <p class="muted">
              {t('results.resultTx')}: <code>{status.final.result_tx}</code>
            </p>
          )}
          <p class="muted">{t('results.source', { height: status.height, final: status.final_height })}</p>
        </>
      )}
    </PageFrame>
  );
}
