/** The rule checks run on a block, each with its outcome and message. */
import type { CheckStep } from '../../../../src/node/http/validator-routes.js';
import { type MessageKey, t } from '../../i18n/index.js';

const TX = /^txs\[(\d+)\]$/;

/** The check names the ledger gives, with their message keys. */
const NAMES: Readonly<Record<string, MessageKey>> = {
  envelope: 'validator.check.envelope',
  parent_known: 'validator.check.parent_known',
  final: 'validator.check.final',
  miner: 'validator.check.miner',
  pow: 'validator.check.pow',
  parent: 'validator.check.parent',
  content: 'validator.check.content',
  height: 'validator.check.height',
  time: 'validator.check.time',
  tx_count: 'validator.check.tx_count',
};

/** A person's name of a check (the server's name when it is new to this page). */
export function checkLabel(name: string): string {
  const tx = TX.exec(name);
  if (tx) return t('validator.check.tx', { index: Number(tx[1]) + 1 });
  const key = Object.hasOwn(NAMES, name) ? NAMES[name] : undefined;
  return key ? t(key) : name;
}

/** Every check of block `height`, in the order the ledger ran them. */
export function Checks({ checks, height, id }: { checks: readonly CheckStep[]; height: number; id: string }) {
  const passed = checks.filter((c) => c.ok).length;
  const headId = `checks-${id}`;
  return (
    <section class="checks" aria-labelledby={headId}>
      <h4 id={headId}>
        {t('validator.checks.title')} ·{' '}
        <span class={passed === checks.length ? 'ok' : 'bad'}>
          {t('validator.checks.summary', { passed, count: checks.length })}
        </span>
      </h4>
      <ul class="check-list" aria-label={t('validator.checks.list', { height })}>
        {checks.map((c) => (
          <li key={c.name} class={c.ok ? 'check pass' : 'check fail'}>
            <span class={c.ok ? 'badge ok' : 'badge bad'}>
              {c.ok ? t('validator.check.pass') : t('validator.check.fail')}
            </span>{' '}
            <span class="check-name">{checkLabel(c.name)}</span>
            {c.message !== undefined && <span class="check-message mono">{c.message}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
