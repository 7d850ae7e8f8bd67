/** The registrar's latest administrative actions (`adminAudit`), newest first. */
import { useState } from 'preact/hooks';
import { registrarClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { ErrorNote } from '../../ui/notice.js';

interface Entry {
  readonly seq: number;
  readonly time: number;
  readonly actor: string;
  readonly action: string;
  readonly detail: string;
}

/** A collapsed list of the last 50 actions, read when opened. */
export function AuditLog({ session }: { session: string }) {
  const [entries, setEntries] = useState<readonly Entry[]>();
  const [error, setError] = useState<Shown>();
  const load = () =>
    registrarClient()
      .adminAudit({ body: { session, limit: 50 } })
      .then(
        (r) => setEntries(r.entries),
        (e: unknown) => setError(shown(e)),
      );
  return (
    <details
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) void load();
      }}
    >
      <summary>{t('admin.audit')}</summary>
      {error && <ErrorNote error={error} onRetry={load} />}
      {entries && entries.length === 0 && <p class="muted">{t('admin.audit.none')}</p>}
      {entries && entries.length > 0 && (
        <div class="table-wrap">
          <table aria-label={t('admin.audit')}>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.time')}</th>
                <th scope="col">{t('admin.audit.actor')}</th>
                <th scope="col">{t('admin.audit.action')}</th>
                <th scope="col">{t('admin.audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((x) => (
                <tr key={x.seq}>
                  <td>{new Date(x.time).toLocaleString()}</td>
                  <td>{x.actor}</td>
                  <td>{x.action}</td>
                  <td class="mono">{x.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
