/**
 * Voter roll import: a CSV file (`name,surname,email,login[,password]`) sent in parts of 50 voters, each
 * all-or-nothing, with a progress bar; refused parts are listed with their code, and the passwords the
 * registrar generated are offered once as a CSV download.
 */
import { useEffect, useState } from 'preact/hooks';
import { registrarClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { describedBy, ErrorNote, FieldNotes } from '../../ui/notice.js';
import { passwordsCsv, rollBatches } from './csv-split.js';

interface BatchError {
  readonly from: number;
  readonly to: number;
  readonly error: Shown;
}

interface Progress {
  readonly done: number;
  readonly total: number;
  readonly imported: number;
}

/** The roll section's body; `session` is the admin session. */
export function RollImport({ session, onChange }: { session: string; onChange?: () => void }) {
  const [count, setCount] = useState<number>();
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState<Progress>();
  const [errors, setErrors] = useState<BatchError[]>([]);
  const [failure, setFailure] = useState<Shown>();
  const [passwords, setPasswords] = useState<string>();
  const [busy, setBusy] = useState(false);
  const reg = registrarClient();

  const refresh = () =>
    reg.adminVoters({ body: { session, limit: 1 } }).then(
      (r) => setCount(r.count),
      (e: unknown) => setFailure(shown(e)),
    );
  useEffect(() => {
    void refresh();
  }, [session]);
  useEffect(
    () => () => {
      if (passwords) URL.revokeObjectURL(passwords);
    },
    [passwords],
  );

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return setFileError(t('admin.roll.noFile'));
    setFileError(undefined);
    setFailure(undefined);
    setErrors([]);
    const batches = rollBatches(await file.text());
    const total = batches.reduce((s, b) => s + b.to - b.from + 1, 0);
    if (total === 0) return setFileError(t('admin.roll.empty'));
    setBusy(true);
    const made: { login: string; password: string }[] = [];
    const errs: BatchError[] = [];
    let done = 0;
    let imported = 0;
    setProgress({ done, total, imported });
    for (const b of batches) {
      try {
        const r = await reg.adminImportRoll({ body: { session, csv: b.csv } });
        imported += r.imported;
        made.push(...r.passwords);
      } catch (err) {
        const error = shown(err);
        // The registrar names the line within the part: say which voter row of the file it is.
        const line = /^line (\d+)/.exec(error.message);
        const row = line ? b.from + Number(line[1]) - 2 : undefined;
        const message =
          row === undefined ? error.message : `${error.message} (${t('admin.roll.row', { row })})`;
        errs.push({ from: b.from, to: b.to, error: { code: error.code, message } });
        setErrors([...errs]);
      }
      done += b.to - b.from + 1;
      setProgress({ done, total, imported });
    }
    if (made.length > 0)
      setPasswords(URL.createObjectURL(new Blob([passwordsCsv(made)], { type: 'text/csv' })));
    setBusy(false);
    void refresh();
    onChange?.();
  };

  return (
    <form onSubmit={submit}>
      {count !== undefined && <p>{t('admin.roll.count', { count })}</p>}
      <p class="muted">{t('admin.roll.hint')}</p>
      <div class={fileError ? 'field invalid' : 'field'}>
        <label for="roll-file">{t('admin.roll.file')}</label>
        <input
          id="roll-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={describedBy('roll-file', undefined, fileError)}
          onChange={(e) => setFile(e.currentTarget.files?.[0])}
        />
        <FieldNotes id="roll-file" error={fileError} />
      </div>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('admin.roll.import')}
        </button>
      </div>
      {progress && (
        <div class="admin-progress" aria-live="polite">
          <label for="roll-progress">
            {t('admin.roll.progress', {
              done: progress.done,
              total: progress.total,
              imported: progress.imported,
            })}
          </label>
          <progress id="roll-progress" value={progress.done} max={progress.total} />
        </div>
      )}
      {failure && <ErrorNote error={failure} />}
      {errors.length > 0 && (
        <ul class="admin-batch-errors" aria-label={t('admin.roll.errors')}>
          {errors.map((b) => (
            <li key={b.from} class="bad">
              {t('admin.roll.batchError', {
                from: b.from,
                to: b.to,
                code: b.error.code,
                message: b.error.message,
              })}
            </li>
          ))}
        </ul>
      )}
      {passwords && (
        <p class="warn">
          {t('admin.roll.passwords')}{' '}
          <a href={passwords} download="pnyx-voter-passwords.csv">
            {t('admin.roll.passwords.link')}
          </a>
        </p>
      )}
    </form>
  );
}
