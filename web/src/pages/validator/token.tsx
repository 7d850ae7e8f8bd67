/** The node's admin token: asked once, kept in this tab's sessionStorage, forgotten on request. */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { Field } from '../../ui/notice.js';

const KEY = 'pnyx.validator.adminToken';

/** The token kept for this tab, if any. */
export function loadToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps (or with `undefined`, forgets) the token for this tab. */
export function storeToken(token: string | undefined): void {
  try {
    if (token === undefined) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, token);
  } catch {
    // storage refused (private mode): the token lives in the page only
  }
}

/** Props of {@link TokenPanel}. */
export interface TokenPanelProps {
  readonly token: string | undefined;
  readonly onToken: (token: string | undefined) => void;
  /** Why the token must be entered again (the node refused it). */
  readonly problem?: string | undefined;
}

/** Asks for the admin token, or says it is kept and offers to forget it. */
export function TokenPanel({ token, onToken, problem }: TokenPanelProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (token !== undefined)
    return (
      <div class="panel token-panel">
        <p>{t('validator.token.kept')}</p>
        <button type="button" class="secondary" onClick={() => onToken(undefined)}>
          {t('validator.token.forget')}
        </button>
      </div>
    );
  const submit = (e: Event) => {
    e.preventDefault();
    const v = value.trim();
    if (v === '') {
      setError(t('validator.token.required'));
      return;
    }
    setError(undefined);
    setValue('');
    onToken(v);
  };
  return (
    <form class="panel token-panel" onSubmit={submit} aria-labelledby="token-legend">
      <h2 id="token-legend">{t('validator.token.legend')}</h2>
      <Field
        id="validator-token"
        label={t('validator.token.label')}
        type="password"
        autoComplete="off"
        spellcheck={false}
        value={value}
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        hint={t('validator.token.hint')}
        error={error ?? problem}
      />
      <button type="submit">{t('validator.token.save')}</button>
    </form>
  );
}
