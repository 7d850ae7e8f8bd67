/** The explorer's own sub-navigation and search, above every explorer page. */
import { useLocation } from 'preact-iso';
import { t } from '../../i18n/index.js';
import { SearchBox } from './search-box.js';

const LINKS = [
  { path: '/explorer', key: 'explorer.nav.chain' },
  { path: '/explorer/mempool', key: 'explorer.nav.mempool' },
] as const;

/** Sub-navigation and search. */
export function ExplorerNav() {
  const { path, query } = useLocation();
  return (
    <div class="explorer-top">
      <nav aria-label={t('explorer.nav.label')} class="explorer-nav">
        <ul>
          {LINKS.map((l) => (
            <li key={l.path}>
              <a href={l.path} aria-current={path === l.path ? 'page' : undefined}>
                {t(l.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <SearchBox key={query.q ?? ''} initial={path === '/explorer/search' ? (query.q ?? '') : ''} />
    </div>
  );
}
