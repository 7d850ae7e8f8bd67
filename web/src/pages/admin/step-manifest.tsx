/** Wizard step 1: the election id and the manifest (title, questions, options, selection limits). */
import type { QuestionKind } from '../../../../src/protocol/manifest.js';
import { t } from '../../i18n/index.js';
import { Field } from '../../ui/notice.js';
import { GroupError, SelectField } from './controls.js';
import { blankOption, blankQuestion, type Draft, type Problems, type QuestionDraft } from './draft.js';

/** Props of every wizard step. */
export interface StepProps {
  readonly draft: Draft;
  readonly set: (d: Draft) => void;
  /** Problems to show (only once the person tried to go on). */
  readonly problems: Problems;
}

const KINDS: readonly QuestionKind[] = ['one-of-n', 'approval', 'yes-no'];

function QuestionForm({
  q,
  i,
  p,
  update,
  remove,
}: {
  q: QuestionDraft;
  i: number;
  p: Problems;
  update: (q: QuestionDraft) => void;
  remove?: (() => void) | undefined;
}) {
  const at = `q${i}`;
  const setOption = (j: number, o: { id?: string; text?: string }) =>
    update({ ...q, options: q.options.map((x, k) => (k === j ? { ...x, ...o } : x)) });
  const setKind = (kind: QuestionKind) => {
    if (kind === 'yes-no') update({ ...blankQuestion(i + 1, 'yes-no'), id: q.id, text: q.text });
    else update({ ...q, kind, ...(kind === 'one-of-n' ? { max: '1' } : {}) });
  };
  return (
    <fieldset class="admin-question">
      <legend>{t('admin.q.legend', { n: i + 1 })}</legend>
      <div class="admin-row">
        <Field
          id={`${at}.id`}
          label={t('admin.q.id')}
          value={q.id}
          error={p[`${at}.id`]}
          onInput={(e) => update({ ...q, id: e.currentTarget.value })}
        />
        <SelectField
          id={`${at}.kind`}
          label={t('admin.q.kind')}
          value={q.kind}
          onChange={(v) => setKind(v as QuestionKind)}
          options={KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) }))}
        />
      </div>
      <Field
        id={`${at}.text`}
        label={t('admin.q.text')}
        value={q.text}
        error={p[`${at}.text`]}
        onInput={(e) => update({ ...q, text: e.currentTarget.value })}
      />
      <div class="admin-row">
        <Field
          id={`${at}.min`}
          label={t('admin.q.min')}
          inputMode="numeric"
          value={q.min}
          error={p[`${at}.min`]}
          disabled={q.kind === 'yes-no'}
          onInput={(e) => update({ ...q, min: e.currentTarget.value })}
        />
        <Field
          id={`${at}.max`}
          label={t('admin.q.max')}
          inputMode="numeric"
          value={q.max}
          error={p[`${at}.max`]}
          disabled={q.kind !== 'approval'}
          onInput={(e) => update({ ...q, max: e.currentTarget.value })}
        />
      </div>
      <h4>{t('admin.q.options')}</h4>
      <GroupError id={`${at}.options-error`} error={p[`${at}.options`]} />
      <ol class="admin-options">
        {q.options.map((o, j) => (
          <li key={j} class="admin-row">
            <Field
              id={`${at}.o${j}.id`}
              label={t('admin.o.id', { n: j + 1 })}
              value={o.id}
              error={p[`${at}.o${j}.id`]}
              disabled={q.kind === 'yes-no'}
              onInput={(e) => setOption(j, { id: e.currentTarget.value })}
            />
            <Field
              id={`${at}.o${j}.text`}
              label={t('admin.o.text', { n: j + 1 })}
              value={o.text}
              error={p[`${at}.o${j}.text`]}
              onInput={(e) => setOption(j, { text: e.currentTarget.value })}
            />
            {q.kind !== 'yes-no' && q.options.length > 2 && (
              <button
                type="button"
                class="secondary"
                onClick={() => update({ ...q, options: q.options.filter((_, k) => k !== j) })}
              >
                {t('admin.o.remove', { n: j + 1 })}
              </button>
            )}
          </li>
        ))}
      </ol>
      <div class="actions">
        {q.kind !== 'yes-no' && (
          <button
            type="button"
            class="secondary"
            onClick={() => update({ ...q, options: [...q.options, blankOption()] })}
          >
            {t('admin.o.add')}
          </button>
        )}
        {remove && (
          <button type="button" class="secondary" onClick={remove}>
            {t('admin.q.remove', { n: i + 1 })}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** The manifest step. */
export function ManifestStep({ draft, set, problems: p }: StepProps) {
  const setQ = (i: number, q: QuestionDraft) =>
    set({ ...draft, questions: draft.questions.map((x, k) => (k === i ? q : x)) });
  return (
    <>
      <Field
        id="id"
        label={t('admin.e.id')}
        hint={t('admin.e.id.hint')}
        value={draft.id}
        error={p.id}
        onInput={(e) => set({ ...draft, id: e.currentTarget.value })}
      />
      <Field
        id="title"
        label={t('admin.e.title')}
        value={draft.title}
        error={p.title}
        onInput={(e) => set({ ...draft, title: e.currentTarget.value })}
      />
      <GroupError id="questions-error" error={p.questions} />
      {draft.questions.map((q, i) => (
        <QuestionForm
          key={i}
          q={q}
          i={i}
          p={p}
          update={(nq) => setQ(i, nq)}
          remove={
            draft.questions.length > 1
              ? () => set({ ...draft, questions: draft.questions.filter((_, k) => k !== i) })
              : undefined
          }
        />
      ))}
      <div class="actions">
        <button
          type="button"
          class="secondary"
          onClick={() =>
            set({ ...draft, questions: [...draft.questions, blankQuestion(draft.questions.length + 1)] })
          }
        >
          {t('admin.q.add')}
        </button>
      </div>
    </>
  );
}
