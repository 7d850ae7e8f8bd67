/** One block: its envelope, content, verdicts and transactions; read again until it is settled. */
import { ledgerClient } from '../../api/clients.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Loading } from '../../ui/notice.js';
import { powBits, pretty, STATUS, tally, when } from './format.js';
import { usePoll } from './poll.js';

async function readBlock(id: string) {
  const api = ledgerClient();
  const [view, chain] = await Promise.all([api.block({ params: { id } }), api.chain()]);
  return { view, chain };
}

/** `/explorer/block/:id`. */
export function BlockPage({ id }: { id: string }) {
  const { data, error, refresh } = usePoll(
    () => readBlock(id),
    id,
    (d) => d.view.status !== 'pending',
  );
  if (!data) return error ? <ErrorNote error={error} onRetry={refresh} /> : <Loading />;
  const { view: b, chain } = data;
  const g = chain.genesis;
  const st = STATUS[b.status];
  const v = tally(b.approvals);
  const content = b.block.content as { time?: number; txs?: { type?: string }[] };
  const { txs: _txs, ...rest } = content;
  const validatorNo = (key: string) => g.validators.indexOf(key) + 1;
  return (
    <article aria-labelledby="block-title">
      <h2 id="block-title">
        {t('explorer.block.title', { height: b.height })} <span class={`badge ${st.tone}`}>{t(st.key)}</span>
      </h2>
      {error && <ErrorNote error={error} onRetry={refresh} />}
      <dl class="facts">
        <dt>{t('explorer.block.id')}</dt>
        <dd class="mono">{b.id}</dd>
        <dt>{t('explorer.block.status')}</dt>
        <dd>
          <span class={st.tone}>{t(st.key)}</span> ·{' '}
          {b.main ? t('explorer.block.main') : t('explorer.block.side')}
        </dd>
        <dt>{t('explorer.block.parent')}</dt>
        <dd class="mono">
          {b.block.parent_id ? (
            <a href={`/explorer/block/${b.block.parent_id}`}>{b.block.parent_id}</a>
          ) : (
            t('explorer.block.noParent')
          )}
        </dd>
        <dt>{t('explorer.block.miner')}</dt>
        <dd>{b.block.miner_name}</dd>
        <dt>{t('explorer.block.pow')}</dt>
        <dd>
          {t('explorer.block.powValue', { bits: powBits(b.id), hardness: g.hardness, nonce: b.block.nonce })}
        </dd>
        {typeof content.time === 'number' && (
          <>
            <dt>{t('explorer.block.time')}</dt>
            <dd>{when(content.time)}</dd>
          </>
        )}
        {b.height > 0 && (
          <>
            <dt>{t('explorer.block.approvals')}</dt>
            <dd>
              {t('explorer.block.approvalsValue', { n: v.approve, quorum: g.quorum, reject: v.reject })}
            </dd>
          </>
        )}
      </dl>
      {b.height > 0 && (
        <>
          <h3>{t('explorer.block.verdicts')}</h3>
          {b.approvals.length === 0 ? (
            <p class="muted">{t('explorer.block.noVerdicts')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('explorer.block.validator')}</th>
                    <th scope="col">{t('explorer.block.verdict')}</th>
                    <th scope="col">{t('explorer.block.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.approvals.map((a) => (
                    <tr key={a.validator}>
                      <td>
                        {validatorNo(a.validator) > 0 &&
                          t('explorer.block.validatorNo', { n: validatorNo(a.validator) })}{' '}
                        <span class="mono">{a.validator.slice(0, 16)}…</span>
                      </td>
                      <td>
                        <span class={`badge ${a.verdict === 'approve' ? 'ok' : 'bad'}`}>
                          {a.verdict === 'approve'
                            ? t('explorer.verdict.approve')
                            : t('explorer.verdict.reject')}
                        </span>
                      </td>
                      <td>{a.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <h3>{t('explorer.block.txs', { n: b.txs.length })}</h3>
      {b.txs.length === 0 ? (
        <p class="muted">{t('explorer.block.noTxs')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('explorer.tx.type')}</th>
                <th scope="col">{t('explorer.tx.id')}</th>
              </tr>
            </thead>
            <tbody>
              {b.txs.map((tx, i) => (
                <tr key={tx}>
                  <td>{i}</td>
                  <td>{content.txs?.[i]?.type ?? ''}</td>
                  <td>
                    <a class="mono" href={`/explorer/tx/${tx}`}>
                      {tx}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details>
        <summary>{t('explorer.block.content')}</summary>
        <pre class="json">{pretty(b.height === 0 ? content : rest)}</pre>
      </details>
    </article>
  );
}
