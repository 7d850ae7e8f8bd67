/**
 * The explorer's search box: a block id, transaction id, ballot tracker or ballot id (64 hex digits), or
 * a block height. It goes to the search page, which asks the node what the value is.
 */

import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../i18n/index.js';
import { describedBy, FieldNotes } from '../../ui/notice.js';

/** The search value in canonical form (lowercase hex without spaces, or a height), or undefined. */
export function searchValue(text: string): string | undefined {
  const v = text.replace(/\s+/g, '').toLowerCase();
  if (/^[0-9a-f]{64}$/.test(v)) return v;
  if (/^[0-9]{1,15}$/.test(v)) return String(Number(v));
  return undefined;
}

/** The search form. */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const { route } = useLocation();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      class="explorer-search"
      onSubmit={(e) => {
        e.preventDefault();
        const q = searchValue(text);
        if (q === undefined) {
          setError(t('explorer.search.invalid'));
          return;
        }
        setError(undefined);
        route(`/explorer/search?q=${q}`);
      }}
    >
      <div class={error ? 'field invalid' : 'field'}>
        <label for="explorer-search">{t('explorer.search.label')}</label>
        <div class="search-row">
          <input
            id="explorer-search"
            type="search"
            value={text}
            spellcheck={false}
            autocomplete="off"
            placeholder={t('explorer.search.placeholder')}
            aria-invalid={error ? 'true' : 'false'}
            aria-describedby={describedBy('explorer-search', true, error)}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit">{t('explorer.search.go')}</button>
        </div>
        <FieldNotes id="explorer-search" hint={t('explorer.search.hint')} error={error} />
      </div>
    </form>
  );
}
