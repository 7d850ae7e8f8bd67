/**
 * The election wizard: manifest, schedule, settings, ballot boxes, trustees, review, then
 * `POST /election/admin/create` with the node's admin token. A step's problems show next to its fields
 * once the person tries to leave it; a refusal of the server shows with its code on the step it concerns.
 */
import { useState } from 'preact/hooks';
import { electionClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { ErrorNote } from '../../ui/notice.js';
import {
  checkDraft,
  createInput,
  type Draft,
  inputMillis,
  newDraft,
  problemsOf,
  STEPS,
  type Step,
  stepOfField,
  stepOfRefusal,
} from './draft.js';
import { ManifestStep } from './step-manifest.js';
import { BoxesStep, TrusteesStep } from './step-nodes.js';
import { ScheduleStep, SettingsStep } from './step-settings.js';

/** What the node answered to a created election. */
export interface Created {
  readonly id: string;
  readonly fingerprint: string;
  readonly tx_id: string;
}

function Review({ draft }: { draft: Draft }) {
  const when = (v: string) => new Date(inputMillis(v)).toLocaleString();
  return (
    <dl class="admin-facts">
      <dt>{t('admin.e.id')}</dt>
      <dd class="mono">{draft.id}</dd>
      <dt>{t('admin.e.title')}</dt>
      <dd>{draft.title}</dd>
      <dt>{t('admin.r.questions')}</dt>
      <dd>
        <ol>
          {draft.questions.map((q) => (
            <li key={q.id}>
              {q.text}{' '}
              <span class="muted">
                ({t(`admin.kind.${q.kind}`)}, {q.min}–{q.max})
              </span>
              : {q.options.map((o) => o.text).join(' · ')}
            </li>
          ))}
        </ol>
      </dd>
      <dt>{t('admin.r.schedule')}</dt>
      <dd>
        {when(draft.opens)} → {when(draft.closes)}
      </dd>
      <dt>{t('admin.x.scheme')}</dt>
      <dd>{t(`admin.scheme.${draft.scheme}`)}</dd>
      <dt>{t('admin.x.eligibility')}</dt>
      <dd>{t(`admin.elig.${draft.eligibility}`)}</dd>
      <dt>{t('admin.x.revote')}</dt>
      <dd>{t(`admin.revote.${draft.revote}`)}</dd>
      <dt>{t('admin.r.boxes')}</dt>
      <dd>
        <ul>
          {draft.boxes.map((b) => (
            <li key={b.id}>
              {b.id} <span class="mono muted">{b.url}</span>
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t('admin.r.trustees')}</dt>
      <dd>
        {t('admin.r.threshold', { k: draft.k, n: draft.trustees.length })}:{' '}
        {draft.trustees.map((x) => x.name).join(', ')}
      </dd>
    </dl>
  );
}

/** The wizard; `onCreated` gets the node's answer. */
export function Wizard({ token, onCreated }: { token: string; onCreated: (c: Created) => void }) {
  const [draft, setDraft] = useState<Draft>(() => newDraft(Date.now()));
  const [step, setStep] = useState<Step>('manifest');
  const [tried, setTried] = useState<ReadonlySet<Step>>(new Set());
  const [refusal, setRefusal] = useState<{ step: Step; error: Shown }>();
  const [busy, setBusy] = useState(false);
  const all = checkDraft(draft, Date.now());
  const at = STEPS.indexOf(step);
  const go = (s: Step) => {
    setStep(s);
    setTimeout(() => document.getElementById('wizard-step')?.focus(), 0);
  };
  const next = () => {
    setTried(new Set([...tried, step]));
    if (Object.keys(problemsOf(all, step)).length > 0) {
      const first = Object.keys(problemsOf(all, step))[0]!;
      document.getElementById(first)?.focus();
      return;
    }
    go(STEPS[at + 1] ?? 'review');
  };
  const create = async () => {
    setTried(new Set(STEPS));
    const bad = Object.keys(all);
    if (bad.length > 0) return go(stepOfField(bad[0]!));
    setBusy(true);
    setRefusal(undefined);
    try {
      const r = await electionClient(undefined, token).electionCreate({ body: createInput(draft) });
      onCreated({ id: r.id, fingerprint: r.fingerprint, tx_id: r.tx_id });
    } catch (e) {
      const error = shown(e);
      const s = stepOfRefusal(error.message);
      setRefusal({ step: s, error });
      go(s);
    } finally {
      setBusy(false);
    }
  };
  const problems = tried.has(step) ? problemsOf(all, step) : {};
  const props = { draft, set: setDraft, problems };
  return (
    <div class="admin-wizard">
      <nav aria-label={t('admin.w.steps')}>
        <ol class="admin-steps">
          {STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                class={s === step ? '' : 'secondary'}
                aria-current={s === step ? 'step' : undefined}
                onClick={() => go(s)}
              >
                {i + 1}. {t(`admin.w.${s}`)}
                {tried.has(s) && Object.keys(problemsOf(all, s)).length > 0 ? ' ⚠' : ''}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (step === 'review') void create();
          else next();
        }}
        noValidate
      >
        <h3 id="wizard-step" tabIndex={-1}>
          {t('admin.w.stepTitle', { n: at + 1, total: STEPS.length, name: t(`admin.w.${step}`) })}
        </h3>
        {refusal && refusal.step === step && <ErrorNote error={refusal.error} />}
        {step === 'manifest' && <ManifestStep {...props} />}
        {step === 'schedule' && <ScheduleStep {...props} />}
        {step === 'settings' && <SettingsStep {...props} />}
        {step === 'boxes' && <BoxesStep {...props} />}
        {step === 'trustees' && <TrusteesStep {...props} />}
        {step === 'review' && <Review draft={draft} />}
        {step === 'review' && !token && <p class="field-error">{t('admin.w.noToken')}</p>}
        <div class="actions">
          {at > 0 && (
            <button type="button" class="secondary" onClick={() => go(STEPS[at - 1]!)}>
              {t('common.back')}
            </button>
          )}
          {step === 'review' ? (
            <button type="submit" disabled={busy || !token}>
              {t('admin.w.create')}
            </button>
          ) : (
            <button type="submit">{t('admin.w.next')}</button>
          )}
        </div>
      </form>
    </div>
  );
}
