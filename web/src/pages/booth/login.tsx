/** The booth's first step: login and password at this node's registrar, then a TOTP code if asked. */
import { useState } from 'preact/hooks';
import type { VoterSession } from '../../../../src/client/session.js';
import type { VoterKey } from '../../../../src/client/voter-key.js';
import { registrarClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Field } from '../../ui/notice.js';

const CODE_RE = /^\d{6}$/;

/**
 * The login form; calls `onSession` with the voter's session. When this browser already holds a registered
 * voting key for the node's election (`saved`), the voter may go straight to the ballot with it instead.
 */
export function LoginStep({
  onSession,
  saved,
  onResume,
}: {
  onSession: (s: VoterSession) => void;
  saved?: VoterKey | undefined;
  onResume?: (k: VoterKey) => void;
}) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<string>();
  const [errors, setErrors] = useState<{ login?: string; password?: string; code?: string }>({});
  const [error, setError] = useState<Shown>();
  const [busy, setBusy] = useState(false);

  const finish = (registrar: ReturnType<typeof registrarClient>, session: string, expiresAt: number) =>
    onSession({
      registrar,
      session,
      expiresAt,
      async logout() {
        await registrar.logout({ body: { session } }).catch(() => undefined);
      },
    });

  const submit = async (e: Event) => {
    e.preventDefault();
    const reg = registrarClient();
    if (challenge === undefined) {
      const errs = {
        ...(login.trim() === '' ? { login: t('booth.login.required') } : {}),
        ...(password === '' ? { password: t('booth.login.required') } : {}),
      };
      setErrors(errs);
      if (Object.keys(errs).length > 0) return;
    } else if (!CODE_RE.test(code.trim())) {
      setErrors({ code: t('booth.login.badCode') });
      return;
    }
    setErrors({});
    setError(undefined);
    setBusy(true);
    try {
      const step =
        challenge === undefined
          ? await reg.login({ body: { login: login.trim(), password } })
          : await reg.loginTotp({ body: { challenge, code: code.trim() } });
      if (step.status === 'totp') {
        setChallenge(step.challenge);
        setCode('');
      } else finish(reg, step.session, step.expires_at);
    } catch (err) {
      const sh = shown(err);
      setError(sh);
      // A wrong code may be retried; an expired challenge starts over with the password.
      if (sh.code === 'SESSION_INVALID') setChallenge(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      {saved && onResume && (
        <section class="booth-resume" aria-labelledby="booth-resume-title">
          <h2 id="booth-resume-title">{t('booth.resume.title')}</h2>
          <p>{t('booth.resume.text', { election: saved.election })}</p>
          <div class="actions">
            <button type="button" onClick={() => onResume(saved)}>
              {t('booth.resume.continue')}
            </button>
          </div>
          <p class="muted">{t('booth.resume.or')}</p>
        </section>
      )}
      <p>{t('booth.login.intro')}</p>
      {challenge === undefined ? (
        <>
          <Field
            id="booth-login"
            label={t('booth.login.login')}
            autocomplete="username"
            value={login}
            error={errors.login}
            onInput={(e) => setLogin(e.currentTarget.value)}
          />
          <Field
            id="booth-password"
            label={t('booth.login.password')}
            type="password"
            autocomplete="current-password"
            value={password}
            error={errors.password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </>
      ) : (
        <Field
          id="booth-totp"
          label={t('booth.login.totp')}
          hint={t('booth.login.totpHint')}
          inputMode="numeric"
          autocomplete="one-time-code"
          maxLength={6}
          value={code}
          error={errors.code}
          onInput={(e) => setCode(e.currentTarget.value)}
          autoFocus
        />
      )}
      {error && <ErrorNote error={error} />}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('booth.login.submit')}
        </button>
      </div>
      {busy && (
        <p class="muted" aria-live="polite">
          {t('booth.login.busy')}
        </p>
      )}
    </form>
  );
}
