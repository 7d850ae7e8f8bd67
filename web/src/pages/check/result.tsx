/** The answer of a check: where the ballot stands, in words and colour, with its ledger records. */
import type { ReceiptCheck, TrackerStanding } from '../../../../src/client/check.js';
import type { ElectionPhase } from '../../../../src/ledger/election/view.js';
import type { Verdict } from '../../../../src/protocol/cast/select.js';
import { type MessageKey, t } from '../../i18n/index.js';
import type { PendingRecord } from './check-protocol.js';

const STANDING: Record<TrackerStanding, { key: MessageKey; tone: string }> = {
  counted: { key: 'check.standing.counted', tone: 'ok' },
  spoiled: { key: 'check.standing.spoiled', tone: 'warn' },
  'not-counted': { key: 'check.standing.notCounted', tone: 'bad' },
  pending: { key: 'check.standing.pending', tone: 'warn' },
  absent: { key: 'check.standing.absent', tone: 'bad' },
};

const EXPLAIN: Record<TrackerStanding, MessageKey> = {
  counted: 'check.explain.counted',
  spoiled: 'check.explain.spoiled',
  'not-counted': 'check.explain.notCounted',
  pending: 'check.explain.pending',
  absent: 'check.explain.absent',
};

const PHASE: Record<ElectionPhase, MessageKey> = {
  setup: 'check.phase.setup',
  ceremony: 'check.phase.ceremony',
  open: 'check.phase.open',
  closed: 'check.phase.closed',
  decrypting: 'check.phase.decrypting',
  done: 'check.phase.done',
  failed: 'check.phase.failed',
};

const VERDICT: Record<Verdict, MessageKey> = {
  counted: 'check.verdict.counted',
  'same-version': 'check.verdict.same-version',
  rejected: 'check.verdict.rejected',
  'unknown-box': 'check.verdict.unknown-box',
  spoiled: 'check.verdict.spoiled',
  'repeat-box': 'check.verdict.repeat-box',
  outvoted: 'check.verdict.outvoted',
  'double-vote': 'check.verdict.double-vote',
  superseded: 'check.verdict.superseded',
};

/** Verdicts under which the ballot counts (once). */
const COUNTS: ReadonlySet<Verdict> = new Set(['counted', 'same-version', 'repeat-box']);

/** The check's result, for the region the page announces. */
export function CheckResult({ check, unfinal }: { check: ReceiptCheck; unfinal: readonly PendingRecord[] }) {
  const s = STANDING[check.standing];
  return (
    <div class="check-answer">
      <p class={`standing ${s.tone}`}>
        <span class={`badge ${s.tone}`}>{t(s.key)}</span>
      </p>
      <p>{t(EXPLAIN[check.standing])}</p>
      {check.provisional && check.standing !== 'absent' && <p class="muted">{t('check.provisional')}</p>}
      <dl class="facts">
        <dt>{t('check.tracker')}</dt>
        <dd class="mono">{check.tracker}</dd>
        {check.box !== undefined && (
          <>
            <dt>{t('check.receiptBox')}</dt>
            <dd>{t('check.receiptChecked', { box: check.box })}</dd>
          </>
        )}
        <dt>{t('check.phase')}</dt>
        <dd>{t(PHASE[check.phase])}</dd>
        <dt>{t('check.readTo')}</dt>
        <dd>{t('check.heights', { head: check.headHeight, final: check.finalHeight })}</dd>
      </dl>
      {check.records.length > 0 && (
        <>
          <h3>{t('check.records')}</h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('check.col.box')}</th>
                  <th scope="col">{t('check.col.block')}</th>
                  <th scope="col">{t('check.col.tx')}</th>
                  <th scope="col">{t('check.col.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {check.records.map((r) => (
                  <tr key={r.txId}>
                    <td>{r.box}</td>
                    <td>
                      <a href={`/explorer/search?q=${r.height}`}>
                        {t('check.atHeight', { height: r.height })}
                      </a>
                    </td>
                    <td>
                      <a class="mono" href={`/explorer/tx/${r.txId}`}>
                        {r.txId.slice(0, 10)}…
                      </a>
                    </td>
                    <td>
                      <span class={COUNTS.has(r.verdict) ? 'ok' : 'warn'}>{t(VERDICT[r.verdict])}</span>
                      {r.reason && !COUNTS.has(r.verdict) && <span class="muted"> ({r.reason})</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {unfinal.length > 0 && (
        <>
          <h3>{t('check.unfinal')}</h3>
          <ul>
            {unfinal.map((r) => (
              <li key={r.txId}>
                {t('check.unfinalRecord', { box: r.box })}{' '}
                <a href={`/explorer/tx/${r.txId}`}>{t('check.atHeight', { height: r.height })}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={`/explorer/search?q=${check.tracker}`}>{t('check.inExplorer')}</a>
      </p>
    </div>
  );
}
