/** Form controls the shared `Field` does not cover: a labelled select with its error next to it. */
import type { ComponentChildren } from 'preact';
import { describedBy, FieldNotes } from '../../ui/notice.js';

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly hint?: string;
  readonly error?: string | undefined;
}

/** A labelled select. */
export function SelectField({ id, label, value, onChange, options, hint, error }: SelectFieldProps) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** An error line for a group of fields (a list that is too short, a rule across fields). */
export function GroupError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p id={id} class="field-error">
      {error}
    </p>
  ) : null;
}

/** A titled block of the admin page. */
export function Section({ title, id, children }: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section class="panel admin-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
