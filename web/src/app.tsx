/**
 * The shell: a header with the pages this node offers (by its roles), and the router. Pages load lazily,
 * so the booth does not carry the explorer's code and the other way round.
 */
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { type NodeInfo, useNodeInfo } from './api/node.js';
import { type MessageKey, t } from './i18n/index.js';
import { ErrorNote, PageFrame } from './ui/notice.js';

const Booth = lazy(() => import('./pages/booth/index.js'));
const BallotAudit = lazy(() => import('./pages/booth/audit-page.js'));
const Check = lazy(() => import('./pages/check/index.js'));
const Explorer = lazy(() => import('./pages/explorer/index.js'));
const Validator = lazy(() => import('./pages/validator/index.js'));
const Admin = lazy(() => import('./pages/admin/index.js'));
const Results = lazy(() => import('./pages/results/index.js'));
const Report = lazy(() => import('./pages/results/report.js'));

/** A page of the app: where it lives and which role a node needs to offer it (none: every node). */
interface PageLink {
  readonly path: string;
  readonly label: MessageKey;
  readonly role?: string;
}

/** The pages in the navigation, in order. */
export const PAGES: readonly PageLink[] = [
  { path: '/booth', label: 'nav.booth', role: 'registrar' },
  { path: '/check', label: 'nav.check' },
  { path: '/explorer', label: 'nav.explorer' },
  { path: '/results', label: 'nav.results' },
  { path: '/validator', label: 'nav.validator', role: 'validator' },
  { path: '/admin', label: 'nav.admin', role: 'registrar' },
];

/** The pages `info`'s roles offer. */
export function pagesOf(info: NodeInfo | undefined): readonly PageLink[] {
  return PAGES.filter((p) => p.role === undefined || (info?.roles.includes(p.role) ?? false));
}

function Nav({ info }: { info: NodeInfo | undefined }) {
  const { path } = useLocation();
  return (
    <nav aria-label={t('app.nav')}>
      <ul>
        {pagesOf(info).map((p) => (
          <li key={p.path}>
            <a
              href={p.path}
              aria-current={path === p.path || path.startsWith(`${p.path}/`) ? 'page' : undefined}
            >
              {t(p.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Home({ info }: { info: NodeInfo | undefined }) {
  return (
    <PageFrame title={t('home.title')}>
      <p>{t('app.tagline')}</p>
      {info && <p class="muted">{t('app.node', { name: info.name, roles: info.roles.join(', ') })}</p>}
      <h2>{t('home.pages')}</h2>
      <ul class="tiles">
        {pagesOf(info).map((p) => (
          <li key={p.path}>
            <a href={p.path}>{t(p.label)}</a>
          </li>
        ))}
      </ul>
    </PageFrame>
  );
}

function NotFound() {
  return (
    <PageFrame title={t('common.notFound')}>
      <a href="/">{t('nav.home')}</a>
    </PageFrame>
  );
}

/** The whole app. */
export function App() {
  const { info, error } = useNodeInfo();
  return (
    <LocationProvider>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header>
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <Nav info={info} />
      </header>
      <main id="main" tabIndex={-1}>
        {error && (
          <ErrorNote error={{ code: error.code, message: t('app.offline', { message: error.message }) }} />
        )}
        <ErrorBoundary>
          <Router>
            <Route path="/" component={() => <Home info={info} />} />
            <Route path="/booth" component={Booth} />
            <Route path="/booth/audit" component={BallotAudit} />
            <Route path="/check" component={Check} />
            <Route path="/explorer/*" component={Explorer} />
            <Route path="/explorer" component={Explorer} />
            <Route path="/validator" component={Validator} />
            <Route path="/admin" component={Admin} />
            <Route path="/results" component={Results} />
            <Route path="/results/report" component={Report} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
    </LocationProvider>
  );
}
