/**
 * The booth's second step: the election this node runs (its registrar's public facts), and the voting
 * key — made here and registered (identity keys), or made here and given a blind token (the blinding
 * happens in this browser; the registrar never sees the key). The key is kept per election in this
 * browser, and can be exported to a file and imported from one.
 */
import { useEffect, useState } from 'preact/hooks';
import { clientError } from '../../../../src/client/errors.js';
import {
  obtainToken,
  type RegistrarElection,
  registerIdentityKey,
  registrarElection,
} from '../../../../src/client/register.js';
import type { VoterSession } from '../../../../src/client/session.js';
import { isRegistered, newVoterKey, type VoterKey } from '../../../../src/client/voter-key.js';
import { systemRng } from '../../../../src/crypto/rng.js';
import { ed25519Pure } from '../../../../src/crypto/sig/ed25519.js';
import type { EligibilityMode } from '../../../../src/protocol/election/definition.js';
import { electionClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { type MessageKey, t } from '../../i18n/index.js';
import { describedBy, ErrorNote, FieldNotes, Loading } from '../../ui/notice.js';
import { exportKey, loadKey, readKeyFile, saveKey } from './key-store.js';

/** The id of the election on this node's ledger, then the registrar's facts of it. */
async function electionInfo(s: VoterSession): Promise<RegistrarElection | undefined> {
  const status = await electionClient().electionStatus();
  if (status.election === undefined) return undefined;
  return registrarElection(s, status.election);
}

/** Registers (or reuses) the voting key of `info`'s election; keeps it before and after. */
async function register(s: VoterSession, info: RegistrarElection, existing?: VoterKey): Promise<VoterKey> {
  const mode = info.mode as EligibilityMode;
  let key =
    existing ?? newVoterKey(ed25519Pure, systemRng, { id: info.id, fingerprint: info.fingerprint, mode });
  saveKey(key);
  if (mode === 'identity-keys') {
    const boxes = await registerIdentityKey(s, info.id, key.publicKey);
    key = { ...key, boxes: boxes.map((b) => b.id) };
  } else if (mode === 'blind-tokens') {
    if (!key.token) key = { ...key, token: await obtainToken(s, info, key.publicKey, systemRng) };
  } else throw clientError('USAGE', `the eligibility mode ${mode} is not supported by this booth`);
  saveKey(key);
  return key;
}

function ElectionFacts({ info }: { info: RegistrarElection }) {
  const known = info.mode === 'identity-keys' || info.mode === 'blind-tokens';
  return (
    <dl class="booth-facts">
      <dt>{t('booth.election.mode')}</dt>
      <dd>{known ? t(`booth.election.mode.${info.mode}` as MessageKey) : info.mode}</dd>
      <dt>{t('booth.election.registration')}</dt>
      <dd>
        {info.registration_open
          ? t('booth.election.registrationOpen')
          : t('booth.election.registrationClosed')}
      </dd>
      <dt>{t('booth.election.fingerprint')}</dt>
      <dd class="mono">{info.fingerprint}</dd>
    </dl>
  );
}

/** The election and registration step; `onReady` gets the registered key. */
export function RegisterStep({
  session,
  onReady,
}: {
  session: VoterSession;
  onReady: (k: VoterKey) => void;
}) {
  const [info, setInfo] = useState<RegistrarElection | null>();
  const [key, setKey] = useState<VoterKey>();
  const [error, setError] = useState<Shown>();
  const [importError, setImportError] = useState<string>();
  const [imported, setImported] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = () => {
    setError(undefined);
    setInfo(undefined);
    electionInfo(session).then(
      (i) => {
        setInfo(i ?? null);
        if (i) {
          const k = loadKey(i.id);
          setKey(k && k.fingerprint === i.fingerprint ? k : undefined);
        }
      },
      (e: unknown) => setError(shown(e)),
    );
  };
  useEffect(load, [session]);

  if (error && info === undefined) return <ErrorNote error={error} onRetry={load} />;
  if (info === undefined) return <Loading label={t('booth.election.loading')} />;
  if (info === null)
    return <ErrorNote error={{ code: 'NOT_FOUND', message: t('booth.election.none') }} onRetry={load} />;

  const onRegister = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setKey(await register(session, info, key));
    } catch (e) {
      setError(shown(e));
    } finally {
      setBusy(false);
    }
  };

  const onImport = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    setImportError(undefined);
    setImported(false);
    if (!file) return;
    try {
      const k = await readKeyFile(file);
      if (k.election !== info.id || k.fingerprint !== info.fingerprint) {
        setImportError(t('booth.key.otherElection', { election: k.election }));
        return;
      }
      saveKey(k);
      setKey(k);
      setImported(true);
    } catch (err) {
      const s = shown(err);
      setImportError(t('common.error', { code: s.code, message: s.message }));
    } finally {
      input.value = '';
    }
  };

  const registered = key !== undefined && isRegistered(key);
  return (
    <div>
      <h2>{t('booth.election.heading', { id: info.id })}</h2>
      <ElectionFacts info={info} />
      {registered ? (
        <p class="ok">{t('booth.register.done')}</p>
      ) : (
        <p>{key ? t('booth.register.unfinished') : t('booth.register.intro')}</p>
      )}
      {key && (
        <p class="muted">
          {t('booth.register.publicKey')}: <span class="mono">{key.publicKey}</span>
        </p>
      )}
      {error && <ErrorNote error={error} />}
      <div class="actions">
        {registered ? (
          <button type="button" onClick={() => onReady(key)}>
            {t('booth.register.continue')}
          </button>
        ) : (
          <button type="button" onClick={onRegister} disabled={busy}>
            {t('booth.register.submit')}
          </button>
        )}
        {key && (
          <button type="button" class="secondary" onClick={() => exportKey(key)}>
            {t('booth.key.export')}
          </button>
        )}
      </div>
      {busy && (
        <p class="muted" aria-live="polite">
          {t('booth.register.busy')}
        </p>
      )}
      {key && <p class="muted">{t('booth.key.warning')}</p>}
      <div class={importError ? 'field invalid' : 'field'}>
        <label for="booth-key-file">{t('booth.key.import')}</label>
        <input
          id="booth-key-file"
          type="file"
          accept=".json,application/json"
          aria-describedby={describedBy('booth-key-file', true, importError)}
          onChange={onImport}
        />
        <FieldNotes id="booth-key-file" hint={t('booth.key.importHint')} error={importError} />
        {imported && (
          <small class="ok" aria-live="polite">
            {t('booth.key.imported')}
          </small>
        )}
      </div>
    </div>
  );
}
