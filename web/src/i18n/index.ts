/**
 * Every text the web app shows, in one place ready for translation: one message file per area under
 * `en/`, merged here. `t(key, vars)` looks a message up and fills `{name}` placeholders.
 */
import { admin } from './en/admin.js';
import { booth } from './en/booth.js';
import { check } from './en/check.js';
import { common } from './en/common.js';
import { explorer } from './en/explorer.js';
import { results } from './en/results.js';
import { validator } from './en/validator.js';

const en = { ...common, ...booth, ...check, ...explorer, ...validator, ...admin, ...results } as const;

/** A message key. */
export type MessageKey = keyof typeof en;

/** The message for `key` with `{name}` placeholders replaced from `vars`. */
export function t(key: MessageKey, vars: Readonly<Record<string, string | number>> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
