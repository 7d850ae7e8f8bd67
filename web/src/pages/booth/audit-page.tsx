/**
 * `/booth/audit`: anyone checks an audited (spoiled) ballot. Paste the audit record; the booth worker reads
 * this node's ledger, checks the cast and the voter's signature on the record, re-encrypts the revealed
 * choices with the revealed randomness, and shows the choices the ballot held.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isJsonObject, parseJson } from '../../../../src/crypto/encoding/canonical-json.js';
import { homeUrl } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { describedBy, ErrorNote, FieldNotes, Loading, PageFrame } from '../../ui/notice.js';
import { BoothWorker } from '../../worker/client.js';
import type { AuditChecked } from '../../worker/protocol.js';
import { ChoiceList } from './ballot.js';
import { AUDIT_RECORD_KEY } from './outcome.js';
import './booth.css';

/** The audit check page. */
export default function BallotAudit() {
  const [text, setText] = useState(() => globalThis.localStorage?.getItem(AUDIT_RECORD_KEY) ?? '');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<Shown>();
  const [result, setResult] = useState<AuditChecked>();
  const [busy, setBusy] = useState(false);
  const worker = useRef<BoothWorker>();
  worker.current ??= new BoothWorker();
  useEffect(() => () => worker.current?.stop(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    setError(undefined);
    if (text.trim() === '') return setFieldError(t('booth.auditPage.empty'));
    const p = parseJson(text.trim());
    if (!p.ok || !isJsonObject(p.value)) return setFieldError(t('booth.auditPage.badJson'));
    setFieldError(undefined);
    setBusy(true);
    try {
      setResult(await worker.current!.ask({ type: 'check-audit', origin: homeUrl(), record: p.value }));
    } catch (err) {
      setError(shown(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageFrame title={t('booth.auditPage.title')}>
      <p>{t('booth.auditPage.intro')}</p>
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <div class={fieldError ? 'field invalid' : 'field'}>
          <label for="audit-record">{t('booth.auditPage.record')}</label>
          <textarea
            id="audit-record"
            class="booth-record"
            spellcheck={false}
            value={text}
            aria-invalid={fieldError ? 'true' : 'false'}
            aria-describedby={describedBy('audit-record', undefined, fieldError)}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <FieldNotes id="audit-record" error={fieldError} />
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('booth.auditPage.submit')}
          </button>
          <a class="button secondary" href="/booth">
            {t('booth.auditPage.back')}
          </a>
        </div>
      </form>
      {busy && <Loading label={t('booth.auditPage.busy')} />}
      {error && <ErrorNote error={error} />}
      {result && (
        <output class="panel booth-result">
          <p class="ok">{t('booth.auditPage.ok', { tracker: result.tracker, election: result.election })}</p>
          <ChoiceList manifest={result.manifest} choices={result.choices} />
        </output>
      )}
    </PageFrame>
  );
}
