/** The ballot form built from the manifest, and the review of the marked choices. */
import { useRef, useState } from 'preact/hooks';
import type { Manifest, Question } from '../../../../src/protocol/manifest.js';
import type { Choices } from '../../../../src/protocol/selections.js';
import { t } from '../../i18n/index.js';
import { chosenTexts, isSingle, type Message, problemOf, problemsOf, ruleOf, toggle } from './selection.js';

const say = (m: Message) => t(m.key, m.vars ?? {});

function QuestionSet({
  q,
  choices,
  problem,
  onChange,
}: {
  q: Question;
  choices: Choices;
  problem: Message | undefined;
  onChange: (c: Choices) => void;
}) {
  const single = isSingle(q);
  const picked = choices[q.id] ?? [];
  const ruleId = `q-${q.id}-rule`;
  const errorId = `q-${q.id}-error`;
  return (
    <fieldset
      class={problem ? 'booth-question invalid' : 'booth-question'}
      id={`q-${q.id}`}
      aria-describedby={problem ? `${ruleId} ${errorId}` : ruleId}
      aria-invalid={problem ? 'true' : undefined}
    >
      <legend>{q.text}</legend>
      <p id={ruleId} class="hint">
        {say(ruleOf(q))}
        {!single && ` ${t('booth.ballot.count', { n: picked.length })}`}
      </p>
      {q.options.map((o) => (
        <label class="choice" key={o.id}>
          <input
            type={single ? 'radio' : 'checkbox'}
            name={`q-${q.id}`}
            value={o.id}
            checked={picked.includes(o.id)}
            onChange={(e) => onChange(toggle(choices, q, o.id, e.currentTarget.checked))}
          />
          <span>{o.text}</span>
        </label>
      ))}
      {single && q.min === 0 && picked.length > 0 && (
        <button type="button" class="secondary" onClick={() => onChange({ ...choices, [q.id]: [] })}>
          {t('booth.ballot.clear')}
        </button>
      )}
      {problem && (
        <p id={errorId} class="field-error" role="alert">
          {say(problem)}
        </p>
      )}
    </fieldset>
  );
}

/** The ballot: one fieldset per question; `onReview` gets allowed choices only. */
export function BallotForm({
  manifest,
  initial,
  onReview,
}: {
  manifest: Manifest;
  initial: Choices;
  onReview: (c: Choices) => void;
}) {
  const [choices, setChoices] = useState<Choices>(initial);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const form = useRef<HTMLFormElement>(null);
  const problems = problemsOf(manifest.questions, choices);

  const change = (q: Question, c: Choices) => {
    setChoices(c);
    // A question's message stays up while it is wrong, and goes as soon as it is fixed.
    if (!problemOf(q, c[q.id] ?? [])) setShown((s) => new Set([...s].filter((id) => id !== q.id)));
    else if ((c[q.id] ?? []).length > q.max) setShown((s) => new Set([...s, q.id]));
  };

  const submit = (e: Event) => {
    e.preventDefault();
    if (problems.size === 0) return onReview(choices);
    setShown(new Set(problems.keys()));
    const first = manifest.questions.find((q) => problems.has(q.id));
    form.current?.querySelector<HTMLInputElement>(`#q-${first?.id} input`)?.focus();
  };

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <h2>{manifest.title}</h2>
      <p>{t('booth.ballot.intro')}</p>
      {manifest.questions.map((q) => (
        <QuestionSet
          key={q.id}
          q={q}
          choices={choices}
          problem={shown.has(q.id) ? problems.get(q.id) : undefined}
          onChange={(c) => change(q, c)}
        />
      ))}
      {shown.size > 0 && problems.size > 0 && <p class="field-error">{t('booth.ballot.fix')}</p>}
      <div class="actions">
        <button type="submit">{t('booth.ballot.review')}</button>
      </div>
    </form>
  );
}

/** The chosen options per question, as a description list. */
export function ChoiceList({ manifest, choices }: { manifest: Manifest; choices: Choices }) {
  return (
    <dl class="booth-review">
      {manifest.questions.map((q) => {
        const texts = chosenTexts(q, choices);
        return [
          <dt key={`${q.id}-q`}>{q.text}</dt>,
          <dd key={`${q.id}-a`}>
            {texts.length === 0 ? (
              <em>{t('booth.review.blank')}</em>
            ) : (
              <ul>
                {texts.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            )}
          </dd>,
        ];
      })}
    </dl>
  );
}
