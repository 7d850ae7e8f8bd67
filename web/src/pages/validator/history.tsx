/** The verdicts this validator signed, newest first. */
import type { Static } from '@sinclair/typebox';
import type { SignedVerdictSchema } from '../../../../src/node/http/validator-routes.js';
import { t } from '../../i18n/index.js';

type Verdict = Static<typeof SignedVerdictSchema>;

/** The history table. */
export function History({ history }: { history: readonly Verdict[] }) {
  if (history.length === 0) return <p class="muted">{t('validator.history.none')}</p>;
  return (
    <div class="table-wrap">
      <table aria-label={t('validator.history.list')}>
        <thead>
          <tr>
            <th scope="col">{t('validator.history.height')}</th>
            <th scope="col">{t('validator.history.verdict')}</th>
            <th scope="col">{t('validator.history.block')}</th>
            <th scope="col">{t('validator.history.reason')}</th>
            <th scope="col">{t('validator.history.time')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.block_id}>
              <td>{h.height}</td>
              <td>
                <span class={h.verdict === 'approve' ? 'badge ok' : 'badge bad'}>
                  {t(h.verdict === 'approve' ? 'validator.verdict.approve' : 'validator.verdict.reject')}
                </span>
              </td>
              <td>
                <a class="mono" href={`/explorer/block/${h.block_id}`} title={h.block_id}>
                  {h.block_id.slice(0, 16)}…
                </a>
              </td>
              <td>{h.reason ?? ''}</td>
              <td>
                {h.time !== undefined ? (
                  new Date(h.time).toLocaleString()
                ) : (
                  <span class="muted">{t('validator.history.unknownTime')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
