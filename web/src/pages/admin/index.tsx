/**
 * `/admin` on a registrar node: sign in, import the voter roll, create the election with the wizard,
 * follow the turnout, close voting and watch the tally, and download the ledger for offline checking.
 */
import { useEffect, useState } from 'preact/hooks';
import { registrarClient } from '../../api/clients.js';
import { useNodeInfo } from '../../api/node.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Field, Loading, PageFrame } from '../../ui/notice.js';
import { AuditLog } from './audit.js';
import { Section } from './controls.js';
import { CloseVoting, DownloadLedger, Turnout, useStatus } from './election.js';
import { RollImport } from './roll.js';
import { type AdminSession, SignIn } from './signin.js';
import { keep, kept } from './store.js';
import { type Created, Wizard } from './wizard.js';
import './admin.css';

function signedInFromStore(): AdminSession | undefined {
  const session = kept('session');
  return session ? { session, login: kept('login') ?? '' } : undefined;
}

function TokenEditor({ token, setToken }: { token: string; setToken: (v: string) => void }) {
  const [value, setValue] = useState(token);
  return (
    <details open={!token}>
      <summary>{token ? t('admin.token.set') : t('admin.token.missing')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setToken(value);
        }}
      >
        <Field
          id="admin-token-edit"
          label={t('admin.token')}
          hint={t('admin.token.hint')}
          type="password"
          autoComplete="off"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" class="secondary">
          {t('admin.token.save')}
        </button>
      </form>
    </details>
  );
}

/** The admin page. */
export default function Admin() {
  const { info } = useNodeInfo();
  const [admin, setAdmin] = useState<AdminSession | undefined>(signedInFromStore);
  const [token, setTokenState] = useState(kept('token') ?? '');
  const [created, setCreated] = useState<Created>();
  const [round, setRound] = useState(0);
  const { status, error } = useStatus(round);

  const setToken = (v: string) => {
    keep('token', v || undefined);
    setTokenState(v);
  };
  const signOut = async () => {
    const s = admin?.session;
    keep('session', undefined);
    setAdmin(undefined);
    if (s)
      await registrarClient()
        .logout({ body: { session: s } })
        .catch(() => undefined);
  };
  // A kept session that the registrar no longer knows signs out.
  useEffect(() => {
    if (!admin) return;
    registrarClient()
      .adminVoters({ body: { session: admin.session, limit: 1 } })
      .catch((e: { code?: string }) => {
        if (e.code === 'SESSION_INVALID') {
          keep('session', undefined);
          setAdmin(undefined);
        }
      });
  }, [admin?.session]);

  const notRegistrar = info && !info.roles.includes('registrar');
  return (
    <PageFrame title={t('admin.title')}>
      {notRegistrar && <p class="warn">{t('admin.notRegistrar', { name: info.name })}</p>}
      {!admin ? (
        <SignIn
          onSignedIn={(s) => {
            setAdmin(s);
            setTokenState(kept('token') ?? '');
          }}
        />
      ) : (
        <>
          <div class="admin-bar">
            <span>{t('admin.signedIn', { login: admin.login })}</span>
            <button type="button" class="secondary" onClick={signOut}>
              {t('admin.signout')}
            </button>
          </div>
          <TokenEditor token={token} setToken={setToken} />
          <Section id="roll-title" title={t('admin.roll.title')}>
            <RollImport session={admin.session} />
          </Section>
          <Section id="election-title" title={status?.election ? t('admin.live.title') : t('admin.w.title')}>
            {error && !status && <ErrorNote error={error} onRetry={() => setRound((r) => r + 1)} />}
            {!status && !error && <Loading />}
            {created && (
              <p class="ok" aria-live="polite">
                {t('admin.w.created', { id: created.id, fingerprint: created.fingerprint })}
              </p>
            )}
            {status && !status.election && !created && (
              <Wizard
                token={token}
                onCreated={(c) => {
                  setCreated(c);
                  setRound((r) => r + 1);
                }}
              />
            )}
            {status?.election && <Turnout status={status} />}
          </Section>
          {status?.election && (
            <Section id="close-title" title={t('admin.close.title')}>
              <CloseVoting status={status} token={token} />
            </Section>
          )}
          <AuditLog session={admin.session} />
        </>
      )}
      <Section id="ledger-title" title={t('admin.ledger.title')}>
        <DownloadLedger election={status?.election} />
      </Section>
    </PageFrame>
  );
}
