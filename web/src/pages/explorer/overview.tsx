/** The explorer's front page: the chain's figures, the chain as a picture, live every two seconds. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { ErrorNote, Loading } from '../../ui/notice.js';
import { ChainReader } from './chain-data.js';
import { ChainPictureView } from './chain-picture.js';
import { STATUS } from './format.js';
import { usePoll } from './poll.js';

/** The front page of the explorer. */
export function Overview() {
  const reader = useRef(new ChainReader());
  const { data, error, refresh } = usePoll(() => reader.current.read(), 'chain');
  const [news, setNews] = useState('');
  const seen = useRef<number | undefined>(undefined);
  const head = data?.columns.at(-1)?.blocks[0];
  useEffect(() => {
    if (!data || !head) return;
    if (seen.current !== undefined && head.height > seen.current)
      setNews(
        t('explorer.live.newBlock', {
          height: head.height,
          miner: head.block.miner_name,
          status: t(STATUS[head.status].key),
        }),
      );
    seen.current = head.height;
  }, [head?.id]);
  if (!data) return error ? <ErrorNote error={error} onRetry={refresh} /> : <Loading />;
  const s = data.summary;
  const tiles: [string, string | number][] = [
    [t('explorer.sum.height'), s.head.height],
    [t('explorer.sum.final'), s.final.height],
    [t('explorer.sum.txs'), s.final_txs],
    [t('explorer.sum.mempool'), s.mempool],
    [t('explorer.sum.peers'), s.peers],
    [t('explorer.sum.blocks'), s.blocks],
  ];
  return (
    <>
      {error && <ErrorNote error={error} onRetry={refresh} />}
      <h2 id="explorer-summary">{t('explorer.sum.title')}</h2>
      <dl class="summary" aria-labelledby="explorer-summary">
        {tiles.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">
        {t('explorer.sum.rules', {
          quorum: s.genesis.quorum,
          validators: s.genesis.validators.length,
          hardness: s.genesis.hardness,
          node: s.node.name,
        })}
      </p>
      <h2>{t('explorer.picture.title')}</h2>
      <p class="live" aria-live="polite" aria-atomic="true">
        {news}
      </p>
      <ChainPictureView picture={data} />
      <p class="legend muted">{t('explorer.picture.legend')}</p>
    </>
  );
}
