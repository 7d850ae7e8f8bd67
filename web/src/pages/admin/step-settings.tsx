/**
 * Wizard steps 2 and 3: the schedule (local date and time), then the ballot scheme, the eligibility
 * mode and the revote policy. Validators, quorum and proof-of-work hardness are the ledger's: the node
 * copies them from its genesis into the definition, so this step shows them and does not ask.
 */
import { useEffect, useState } from 'preact/hooks';
import { ledgerClient } from '../../api/clients.js';
import { t } from '../../i18n/index.js';
import { Field } from '../../ui/notice.js';
import { SelectField } from './controls.js';
import { type Eligibility, inputMillis, type Revote, SCHEMES, type Scheme } from './draft.js';
import type { StepProps } from './step-manifest.js';

/** The schedule step. */
export function ScheduleStep({ draft, set, problems: p }: StepProps) {
  const opens = inputMillis(draft.opens);
  const soon = Number.isFinite(opens) && opens < Date.now() + 60_000;
  return (
    <>
      <Field
        id="opens"
        type="datetime-local"
        label={t('admin.s.opens')}
        hint={t('admin.s.opens.hint')}
        value={draft.opens}
        error={p.opens}
        onInput={(e) => set({ ...draft, opens: e.currentTarget.value })}
      />
      {soon && <p class="warn">{t('admin.s.soon')}</p>}
      <Field
        id="closes"
        type="datetime-local"
        label={t('admin.s.closes')}
        value={draft.closes}
        error={p.closes}
        onInput={(e) => set({ ...draft, closes: e.currentTarget.value })}
      />
      <p class="muted">{t('admin.s.zone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}</p>
    </>
  );
}

interface LedgerParams {
  readonly validators: readonly string[];
  readonly quorum: number;
  readonly hardness: number;
}

/** The settings step. */
export function SettingsStep({ draft, set }: StepProps) {
  const [params, setParams] = useState<LedgerParams>();
  useEffect(() => {
    ledgerClient()
      .chain()
      .then(
        (c) => setParams(c.genesis),
        () => undefined,
      );
  }, []);
  return (
    <>
      <SelectField
        id="scheme"
        label={t('admin.x.scheme')}
        hint={t('admin.x.scheme.hint')}
        value={draft.scheme}
        onChange={(v) => {
          const scheme = v as Scheme;
          set(
            scheme === 'paillier'
              ? { ...draft, scheme, trustees: draft.trustees.slice(0, 1), k: '1' }
              : { ...draft, scheme },
          );
        }}
        options={SCHEMES.map((s) => ({ value: s, label: t(`admin.scheme.${s}`) }))}
      />
      <SelectField
        id="eligibility"
        label={t('admin.x.eligibility')}
        hint={t('admin.x.eligibility.hint')}
        value={draft.eligibility}
        onChange={(v) => set({ ...draft, eligibility: v as Eligibility })}
        options={[
          { value: 'identity-keys', label: t('admin.elig.identity-keys') },
          { value: 'blind-tokens', label: t('admin.elig.blind-tokens') },
        ]}
      />
      <SelectField
        id="revote"
        label={t('admin.x.revote')}
        value={draft.revote}
        onChange={(v) => set({ ...draft, revote: v as Revote })}
        options={[
          { value: 'once', label: t('admin.revote.once') },
          { value: 'last', label: t('admin.revote.last') },
        ]}
      />
      <h3>{t('admin.x.ledger')}</h3>
      <p class="muted">{t('admin.x.ledger.hint')}</p>
      {params && (
        <dl class="admin-facts">
          <dt>{t('admin.x.validators')}</dt>
          <dd>
            {params.validators.length}
            <ul class="mono">
              {params.validators.map((v) => (
                <li key={v}>{v}</li>
              ))}
            </ul>
          </dd>
          <dt>{t('admin.x.quorum')}</dt>
          <dd>{params.quorum}</dd>
          <dt>{t('admin.x.hardness')}</dt>
          <dd>{params.hardness}</dd>
        </dl>
      )}
    </>
  );
}
