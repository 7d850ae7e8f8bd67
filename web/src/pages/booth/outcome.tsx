/** What the voter sees after the worker is done: the cast's receipt page, or the audited ballot. */
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { canonicalJson } from '../../../../src/crypto/encoding/canonical-json.js';
import type { Manifest } from '../../../../src/protocol/manifest.js';
import { t } from '../../i18n/index.js';
import { ErrorNote } from '../../ui/notice.js';
import type { AuditDone, CastDone } from '../../worker/protocol.js';
import { ChoiceList } from './ballot.js';

/** Where the audit page finds the last audit record made in this browser (public: the ballot is spoiled). */
export const AUDIT_RECORD_KEY = 'pnyx.booth.audit';

/** The tracker as a QR code image. */
function TrackerQr({ tracker }: { tracker: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    QRCode.toDataURL(tracker, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then(setSrc, () =>
      setSrc(undefined),
    );
  }, [tracker]);
  return src ? <img class="booth-qr" src={src} width={240} height={240} alt={t('booth.receipt.qr')} /> : null;
}

/** The receipt page of a cast ballot. */
export function Receipt({ cast }: { cast: CastDone }) {
  const confirmed = cast.boxes.filter((b) => b.ok).length;
  return (
    <div>
      <h2>{confirmed === 0 ? t('booth.receipt.notCast') : t('booth.receipt.title')}</h2>
      {confirmed === 0 ? (
        <ErrorNote error={{ code: 'NO_RECEIPT', message: t('booth.receipt.partial') }} />
      ) : (
        <p>{t('booth.receipt.trackerHint')}</p>
      )}
      <div class="panel booth-tracker">
        <p>
          <strong>{t('booth.receipt.tracker')}</strong>
          <br />
          <code data-testid="tracker">{cast.tracker}</code>
        </p>
        <TrackerQr tracker={cast.tracker} />
      </div>
      <h3>{t('booth.receipt.boxes')}</h3>
      <ul aria-label={t('booth.receipt.boxes')} class="booth-boxes">
        {cast.boxes.map((b) => (
          <li key={b.box} class={b.ok ? 'ok' : 'bad'}>
            <span class="mono">{b.box}</span>{' '}
            <span class="badge">{b.ok ? t('booth.receipt.confirmed') : t('booth.receipt.failed')}</span>{' '}
            <span>
              {b.ok
                ? t('booth.receipt.confirmedAt', { time: new Date(b.receivedAt).toLocaleTimeString() })
                : t('booth.receipt.failedWith', { code: b.code, message: b.message })}
            </span>
          </li>
        ))}
      </ul>
      <p class="muted">{t('booth.receipt.time', { ms: Math.round(cast.ms) })}</p>
      {confirmed > 0 && (
        <div class="actions">
          <a class="button" href={`/check?tracker=${encodeURIComponent(cast.tracker)}`}>
            {t('booth.receipt.check')}
          </a>
        </div>
      )}
    </div>
  );
}

/** The audited ballot; `onStartOver` goes back to a fresh ballot. */
export function Audited({
  audit,
  manifest,
  onStartOver,
}: {
  audit: AuditDone;
  manifest: Manifest;
  onStartOver: () => void;
}) {
  const json = canonicalJson(audit.record);
  useEffect(() => {
    try {
      globalThis.localStorage?.setItem(AUDIT_RECORD_KEY, json);
    } catch {
      // A full or disabled storage only loses the prefilled audit page.
    }
  }, [json]);
  return (
    <div>
      <h2>{t('booth.audit.title')}</h2>
      <p>{t('booth.audit.intro', { box: audit.box })}</p>
      <p>
        {t('booth.receipt.tracker')}: <code>{audit.tracker}</code>
      </p>
      <h3>{t('booth.audit.choices')}</h3>
      <ChoiceList manifest={manifest} choices={audit.choices} />
      {audit.failures.length > 0 && (
        <p class="warn">
          {t('booth.audit.failures', { list: audit.failures.map((f) => `${f.box} (${f.code})`).join(', ') })}
        </p>
      )}
      <details>
        <summary>{t('booth.audit.record')}</summary>
        <pre class="booth-json mono">{json}</pre>
      </details>
      <div class="actions">
        <a class="button secondary" href="/booth/audit" target="_blank" rel="noopener">
          {t('booth.audit.verify')}
        </a>
        <button type="button" onClick={onStartOver}>
          {t('booth.audit.startOver')}
        </button>
      </div>
    </div>
  );
}
