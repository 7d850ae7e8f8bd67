/** Shared pieces of every page: error notes, loading lines, labelled fields, page frames. */
import type { ComponentChildren, JSX } from 'preact';
import type { Shown } from '../api/errors.js';
import { t } from '../i18n/index.js';

/** A server or client failure with its stable code (announced to screen readers). */
export function ErrorNote({ error, onRetry }: { error: Shown; onRetry?: () => void }) {
  return (
    <div class="error-note" role="alert">
      <span>{t('common.error', { code: error.code, message: error.message })}</span>
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A polite "loading" line. */
export function Loading({ label = t('common.loading') }: { label?: string }) {
  return (
    <p class="loading" aria-live="polite">
      {label}
    </p>
  );
}

/** A page: its title as the one h1, then the content. */
export function PageFrame({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {children}
    </section>
  );
}

/** Props of {@link Field}. */
export interface FieldProps extends Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'label'> {
  /** Unique id of the input; the label and the error refer to it. */
  readonly id: string;
  readonly label: string;
  /** The problem with the value, shown next to the field. */
  readonly error?: string | undefined;
  readonly hint?: string;
}

/** The `aria-describedby` of the field `id` with the notes {@link FieldNotes} shows; undefined for none. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** The hint and the error under the field `id` (ids `ID-hint`, `ID-error`), each only when given. */
export function FieldNotes({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: ComponentChildren;
  error?: string | undefined;
}) {
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error">
          {error}
        </small>
      )}
    </>
  );
}

/** A labelled input with its hint and its error message next to it. */
export function Field({ id, label, error, hint, ...input }: FieldProps) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
