/**
 * `/explorer/search?q=`: asks the node what the value is (`GET /api/search`, or the blocks at a height)
 * and goes to the one block or transaction found; ballot records of a tracker or ballot id are listed.
 */

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { SearchResult } from '../../../../src/node/http/search-route.js';
import type { BlockView } from '../../../../src/node/http/views.js';
import { ledgerClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Loading } from '../../ui/notice.js';
import { STATUS, short } from './format.js';
import { searchValue } from './search-box.js';

type Found = { kind: 'hex'; r: SearchResult } | { kind: 'height'; height: number; blocks: BlockView[] };

async function find(q: string): Promise<Found> {
  const api = ledgerClient();
  if (/^[0-9]+$/.test(q)) {
    const height = Number(q);
    return { kind: 'height', height, blocks: (await api.blocksAt({ params: { height } })).blocks };
  }
  return { kind: 'hex', r: await api.search({ query: { q } }) };
}

/** The one page a result leads to, if it leads to exactly one. */
function only(f: Found): string | undefined {
  if (f.kind === 'height') return f.blocks.length === 1 ? `/explorer/block/${f.blocks[0]!.id}` : undefined;
  const { blocks, txs, ballots } = f.r;
  if (blocks.length + txs.length !== 1 || ballots.length > 0) return undefined;
  return blocks[0] ? `/explorer/block/${blocks[0].id}` : `/explorer/tx/${txs[0]!.id}`;
}

function Place({
  p,
}: {
  p: { pending: boolean; block_id?: string; height?: number; status?: 'final' | 'pending' | 'rejected' };
}) {
  if (p.block_id === undefined || p.height === undefined || p.status === undefined)
    return <span class="warn">{t('explorer.tx.pending')}</span>;
  return (
    <>
      <a href={`/explorer/block/${p.block_id}`}>{t('explorer.block.link', { height: p.height })}</a>{' '}
      <span class={STATUS[p.status].tone}>{t(STATUS[p.status].key)}</span>
    </>
  );
}

/** The search page. */
export function SearchPage() {
  const { query, route } = useLocation();
  const q = searchValue(query.q ?? '');
  const [state, setState] = useState<{ found?: Found; error?: Shown }>({});
  useEffect(() => {
    setState({});
    if (q === undefined) return;
    let live = true;
    find(q).then(
      (found) => {
        if (!live) return;
        const to = only(found);
        if (to) route(to, true);
        else setState({ found });
      },
      (e: unknown) => live && setState({ error: shown(e) }),
    );
    return () => {
      live = false;
    };
  }, [q]);
  if (q === undefined) return <p>{t('explorer.search.invalid')}</p>;
  if (state.error) return <ErrorNote error={state.error} />;
  const f = state.found;
  if (!f) return <Loading label={t('explorer.search.searching')} />;
  if (f.kind === 'height')
    return (
      <section aria-labelledby="search-title">
        <h2 id="search-title">{t('explorer.search.atHeight', { height: f.height })}</h2>
        {f.blocks.length === 0 ? (
          <p>{t('explorer.search.noHeight')}</p>
        ) : (
          <ul>
            {f.blocks.map((b) => (
              <li key={b.id}>
                <a href={`/explorer/block/${b.id}`}>
                  {b.main
                    ? t('explorer.block.link', { height: b.height })
                    : t('explorer.block.linkFork', { height: b.height })}
                </a>{' '}
                <span class="mono muted">{short(b.id)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  const { blocks, txs, ballots } = f.r;
  const trackers = [...new Set(ballots.map((b) => b.tracker))];
  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">{t('explorer.search.results')}</h2>
      <p class="mono">{q}</p>
      {blocks.length + txs.length + ballots.length === 0 && <p>{t('explorer.search.none')}</p>}
      {blocks.map((b) => (
        <p key={b.id}>
          <a href={`/explorer/block/${b.id}`}>{t('explorer.block.link', { height: b.height })}</a>
        </p>
      ))}
      {txs.map((x) => (
        <p key={x.id}>
          <a href={`/explorer/tx/${x.id}`}>{t('explorer.search.tx', { type: x.type })}</a> <Place p={x} />
        </p>
      ))}
      {ballots.length > 0 && (
        <>
          <h3>
            {ballots[0]!.field === 'tracker'
              ? t('explorer.search.byTracker', { n: ballots.length })
              : t('explorer.search.byBallotId', { n: ballots.length })}
          </h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('explorer.tx.type')}</th>
                  <th scope="col">{t('explorer.search.box')}</th>
                  <th scope="col">{t('explorer.search.where')}</th>
                  <th scope="col">{t('explorer.tx.id')}</th>
                </tr>
              </thead>
              <tbody>
                {ballots.map((b) => (
                  <tr key={b.tx_id}>
                    <td>{b.type === 'audit' ? t('explorer.search.audit') : t('explorer.search.ballot')}</td>
                    <td>{b.box ?? ''}</td>
                    <td>
                      <Place p={b} />
                    </td>
                    <td>
                      <a class="mono" href={`/explorer/tx/${b.tx_id}`}>
                        {short(b.tx_id, 12)}…
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {trackers.map((tr) => (
            <p key={tr}>
              <a href={`/check?tracker=${tr}`}>{t('explorer.search.check', { tracker: short(tr, 12) })}</a>
            </p>
          ))}
        </>
      )}
    </section>
  );
}
