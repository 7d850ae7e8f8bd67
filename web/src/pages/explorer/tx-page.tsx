/** One transaction: type, author, body, where it is included and its status; read again until final. */
import { ledgerClient } from '../../api/clients.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Loading } from '../../ui/notice.js';
import { pretty, STATUS } from './format.js';
import { usePoll } from './poll.js';

/** `/explorer/tx/:id`. */
export function TxPage({ id }: { id: string }) {
  const { data, error, refresh } = usePoll(
    () => ledgerClient().tx({ params: { id } }),
    id,
    (v) => !v.pending && v.included.some((i) => i.main && i.status === 'final'),
  );
  if (!data) return error ? <ErrorNote error={error} onRetry={refresh} /> : <Loading />;
  const { tx } = data;
  const main = data.included.find((i) => i.main);
  const status =
    data.pending && !main
      ? t('explorer.tx.pending')
      : main
        ? t(STATUS[main.status].key)
        : t('explorer.tx.offMain');
  const tone = main ? STATUS[main.status].tone : 'warn';
  const body = tx.body as { receipt?: { tracker?: string } } | null;
  const tracker = tx.type === 'ballot' ? body?.receipt?.tracker : undefined;
  return (
    <article aria-labelledby="tx-title">
      <h2 id="tx-title">
        {t('explorer.tx.title', { type: tx.type })} <span class={`badge ${tone}`}>{status}</span>
      </h2>
      {error && <ErrorNote error={error} onRetry={refresh} />}
      <dl class="facts">
        <dt>{t('explorer.tx.id')}</dt>
        <dd class="mono">{data.id}</dd>
        <dt>{t('explorer.tx.type')}</dt>
        <dd>{tx.type}</dd>
        <dt>{t('explorer.tx.author')}</dt>
        <dd class="mono">{tx.author}</dd>
        <dt>{t('explorer.tx.status')}</dt>
        <dd>
          <span class={tone}>{status}</span>
          {data.pending && main && ` · ${t('explorer.tx.alsoPending')}`}
        </dd>
        <dt>{t('explorer.tx.included')}</dt>
        <dd>
          {data.included.length === 0 ? (
            t('explorer.tx.notIncluded')
          ) : (
            <ul class="plain">
              {data.included.map((i) => (
                <li key={i.block_id}>
                  <a href={`/explorer/block/${i.block_id}`}>
                    {t('explorer.block.link', { height: i.height })}
                  </a>{' '}
                  {t('explorer.tx.position', { index: i.index })} ·{' '}
                  <span class={STATUS[i.status].tone}>{t(STATUS[i.status].key)}</span> ·{' '}
                  {i.main ? t('explorer.block.main') : t('explorer.block.side')}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {tracker && (
          <>
            <dt>{t('explorer.tx.tracker')}</dt>
            <dd>
              <span class="mono">{tracker}</span>{' '}
              <a href={`/check?tracker=${tracker}`}>{t('explorer.tx.check')}</a>
            </dd>
          </>
        )}
      </dl>
      <h3>{t('explorer.tx.body')}</h3>
      <pre class="json wrap">{pretty(tx.body)}</pre>
      <details>
        <summary>{t('explorer.tx.envelope')}</summary>
        <dl class="facts">
          <dt>{t('explorer.tx.chain')}</dt>
          <dd class="mono">{tx.chain}</dd>
          <dt>{t('explorer.tx.sig')}</dt>
          <dd class="mono">{tx.sig}</dd>
        </dl>
      </details>
    </article>
  );
}
