/**
 * Sign-in of a registrar administrator: login and password, then a TOTP code when the account has one;
 * the node's admin token (needed to create and close the election) is asked in the same form and kept
 * for the tab. The first administrator can be created with that token (`adminBootstrap`).
 */
import { useState } from 'preact/hooks';
import { REGISTRAR_ROUTES } from '../../../../src/node/roles/registrar/http/routes.js';
import { clientOf, registrarClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Field } from '../../ui/notice.js';
import { keep, kept } from './store.js';

/** A signed-in administrator. */
export interface AdminSession {
  readonly login: string;
  readonly session: string;
}

function TokenField({ value, onInput }: { value: string; onInput: (v: string) => void }) {
  return (
    <Field
      id="admin-token"
      label={t('admin.token')}
      hint={t('admin.token.hint')}
      type="password"
      autoComplete="off"
      value={value}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}

function Bootstrap({ token }: { token: string }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Shown>();
  const [done, setDone] = useState<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      const r = await clientOf(REGISTRAR_ROUTES, undefined, token).adminBootstrap({
        body: { login, password },
      });
      setDone(r.login);
    } catch (err) {
      setError(shown(err));
    }
  };
  return (
    <details class="admin-bootstrap">
      <summary>{t('admin.bootstrap')}</summary>
      <p class="muted">{t('admin.bootstrap.hint')}</p>
      <form onSubmit={submit}>
        <Field
          id="boot-login"
          label={t('admin.login')}
          autoComplete="off"
          value={login}
          onInput={(e) => setLogin(e.currentTarget.value)}
          required
        />
        <Field
          id="boot-password"
          label={t('admin.newPassword')}
          type="password"
          autoComplete="new-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          required
        />
        {error && <ErrorNote error={error} />}
        {done && <p class="ok">{t('admin.bootstrap.done', { login: done })}</p>}
        <button type="submit" class="secondary">
          {t('admin.bootstrap.submit')}
        </button>
      </form>
    </details>
  );
}

/** The sign-in form; calls `onSignedIn` with the session once the login (and TOTP) succeeded. */
export function SignIn({ onSignedIn }: { onSignedIn: (s: AdminSession) => void }) {
  const [login, setLogin] = useState(kept('login') ?? '');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState(kept('token') ?? '');
  const [challenge, setChallenge] = useState<string>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<Shown>();
  const [busy, setBusy] = useState(false);
  const reg = registrarClient();

  const finish = (session: string) => {
    keep('session', session);
    keep('login', login);
    onSignedIn({ login, session });
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    keep('token', token || undefined);
    try {
      if (challenge) {
        const r = await reg.loginTotp({ body: { challenge, code: code.trim() } });
        if (r.status === 'ok') finish(r.session);
      } else {
        const r = await reg.adminLogin({ body: { login, password } });
        if (r.status === 'ok') finish(r.session);
        else setChallenge(r.challenge);
      }
    } catch (err) {
      setError(shown(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form onSubmit={submit} class="panel admin-signin" aria-labelledby="signin-title">
        <h2 id="signin-title">{t('admin.signin')}</h2>
        {!challenge ? (
          <>
            <Field
              id="admin-login"
              label={t('admin.login')}
              autoComplete="username"
              value={login}
              onInput={(e) => setLogin(e.currentTarget.value)}
              required
            />
            <Field
              id="admin-password"
              label={t('admin.password')}
              type="password"
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              required
            />
            <TokenField value={token} onInput={setToken} />
          </>
        ) : (
          <Field
            id="admin-totp"
            label={t('admin.totp')}
            hint={t('admin.totp.hint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            required
          />
        )}
        {error && <ErrorNote error={error} />}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('admin.signin.submit')}
          </button>
        </div>
      </form>
      <Bootstrap token={token} />
    </>
  );
}
