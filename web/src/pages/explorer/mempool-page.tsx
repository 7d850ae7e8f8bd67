/** The pool of pending transactions, live. */
import { ledgerClient } from '../../api/clients.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Loading } from '../../ui/notice.js';
import { usePoll } from './poll.js';

/** Rows shown. */
const LIMIT = 200;

/** `/explorer/mempool`. */
export function MempoolPage() {
  const { data, error, refresh } = usePoll(
    () => ledgerClient().mempool({ query: { limit: LIMIT } }),
    'mempool',
  );
  if (!data) return error ? <ErrorNote error={error} onRetry={refresh} /> : <Loading />;
  return (
    <section aria-labelledby="mempool-title">
      <h2 id="mempool-title">{t('explorer.mempool.title')}</h2>
      {error && <ErrorNote error={error} onRetry={refresh} />}
      <p aria-live="polite">{t('explorer.mempool.size', { n: data.size })}</p>
      {data.size > data.txs.length && (
        <p class="muted">{t('explorer.mempool.first', { n: data.txs.length })}</p>
      )}
      {data.txs.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('explorer.tx.type')}</th>
                <th scope="col">{t('explorer.tx.id')}</th>
                <th scope="col">{t('explorer.tx.author')}</th>
              </tr>
            </thead>
            <tbody>
              {data.txs.map((x) => (
                <tr key={x.id}>
                  <td>{x.type}</td>
                  <td>
                    <a class="mono" href={`/explorer/tx/${x.id}`}>
                      {x.id.slice(0, 16)}…
                    </a>
                  </td>
                  <td class="mono">{x.author.slice(0, 16)}…</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
