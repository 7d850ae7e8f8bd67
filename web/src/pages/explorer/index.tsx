/**
 * The explorer: the chain as a picture with live figures (`/explorer`), one block (`/explorer/block/:id`),
 * one transaction (`/explorer/tx/:id`), the pool (`/explorer/mempool`) and search (`/explorer/search`),
 * every page read from the node that served it and kept current by polling.
 */
import { Route, Router, useLocation } from 'preact-iso';
import { t } from '../../i18n/index.js';
import { PageFrame } from '../../ui/notice.js';
import { BlockPage } from './block-page.js';
import { MempoolPage } from './mempool-page.js';
import { ExplorerNav } from './nav.js';
import { Overview } from './overview.js';
import { SearchPage } from './search-page.js';
import { TxPage } from './tx-page.js';
import './explorer.css';

/** Each id gets a fresh page (no state carried from the previous block or transaction). */
const BlockRoute = ({ id }: { id: string }) => <BlockPage key={id} id={id} />;
const TxRoute = ({ id }: { id: string }) => <TxPage key={id} id={id} />;

function NotHere() {
  return (
    <p>
      {t('explorer.notFound')} <a href="/explorer">{t('explorer.nav.chain')}</a>
    </p>
  );
}

export default function ExplorerPage() {
  const { path } = useLocation();
  const front = path === '/explorer' || path === '/explorer/';
  return (
    <PageFrame title={t('explorer.title')}>
      <ExplorerNav />
      {front ? (
        <Overview />
      ) : (
        <Router>
          <Route path="/block/:id" component={BlockRoute} />
          <Route path="/tx/:id" component={TxRoute} />
          <Route path="/mempool" component={MempoolPage} />
          <Route path="/search" component={SearchPage} />
          <Route default component={NotHere} />
        </Router>
      )}
    </PageFrame>
  );
}
