/**
 * `/booth`: the voter's booth on a registrar node. Log in at this node's registrar, register a voting key
 * made in this browser (identity key, or blind token), mark the ballot, review it, then audit it
 * (Benaloh challenge: the ballot is opened and never counts) or cast it to every ballot box. The
 * encryption and proofs run in a Web Worker over the election key the worker reads from the ledger.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VoterSession } from '../../../../src/client/session.js';
import { type VoterKey, voterKeyToJson } from '../../../../src/client/voter-key.js';
import type { Manifest } from '../../../../src/protocol/manifest.js';
import type { Choices } from '../../../../src/protocol/selections.js';
import { electionClient, homeUrl } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { type MessageKey, t } from '../../i18n/index.js';
import { ErrorNote, Loading, PageFrame } from '../../ui/notice.js';
import { BoothWorker } from '../../worker/client.js';
import type { AuditDone, CastDone, Prepared } from '../../worker/protocol.js';
import { BallotForm, ChoiceList } from './ballot.js';
import { isRegistered, loadKey } from './key-store.js';
import { LoginStep } from './login.js';
import { Audited, Receipt } from './outcome.js';
import { RegisterStep } from './register.js';
import './booth.css';

type Step =
  | { readonly s: 'login' }
  | { readonly s: 'register'; readonly session: VoterSession }
  | { readonly s: 'prepare'; readonly key: VoterKey }
  | { readonly s: 'ballot'; readonly key: VoterKey; readonly ready: Prepared; readonly choices: Choices }
  | { readonly s: 'review'; readonly key: VoterKey; readonly ready: Prepared; readonly choices: Choices }
  | { readonly s: 'cast'; readonly cast: CastDone }
  | { readonly s: 'audited'; readonly key: VoterKey; readonly audit: AuditDone; readonly manifest: Manifest };

const STEPS: readonly { key: MessageKey; of: readonly Step['s'][] }[] = [
  { key: 'booth.step.login', of: ['login'] },
  { key: 'booth.step.register', of: ['register', 'prepare'] },
  { key: 'booth.step.ballot', of: ['ballot'] },
  { key: 'booth.step.review', of: ['review', 'audited'] },
  { key: 'booth.step.done', of: ['cast'] },
];

function Progress({ step }: { step: Step['s'] }) {
  return (
    <ol class="booth-steps" aria-label={t('booth.steps')}>
      {STEPS.map((x) => (
        <li key={x.key} aria-current={x.of.includes(step) ? 'step' : undefined}>
          {t(x.key)}
        </li>
      ))}
    </ol>
  );
}

/** The worker's waiting notes as sentences. */
function noteText(note: string): string {
  if (note === 'key-pending') return t('booth.prepare.keyPending');
  if (note.startsWith('phase:')) return t('booth.prepare.phase', { phase: note.slice(6) });
  return note;
}

function Review({
  ready,
  choices,
  onBack,
  onAudit,
  onCast,
  busy,
}: {
  ready: Prepared;
  choices: Choices;
  onBack: () => void;
  onAudit: () => void;
  onCast: () => void;
  busy: string | undefined;
}) {
  return (
    <div aria-busy={busy !== undefined}>
      <h2>{ready.manifest.title}</h2>
      <p>{t('booth.review.intro')}</p>
      <ChoiceList manifest={ready.manifest} choices={choices} />
      <p class="muted">{t('booth.review.auditHint')}</p>
      <div class="actions">
        <button type="button" onClick={onCast} disabled={busy !== undefined}>
          {t('booth.review.cast')}
        </button>
        <button type="button" class="secondary" onClick={onAudit} disabled={busy !== undefined}>
          {t('booth.review.audit')}
        </button>
        <button type="button" class="secondary" onClick={onBack} disabled={busy !== undefined}>
          {t('booth.review.change')}
        </button>
      </div>
      {busy && <Loading label={busy} />}
    </div>
  );
}

/** The booth page. */
export default function Booth() {
  const [step, setStep] = useState<Step>({ s: 'login' });
  const [error, setError] = useState<Shown>();
  const [busy, setBusy] = useState<string>();
  const [note, setNote] = useState<string>();
  const worker = useRef<BoothWorker>();
  worker.current ??= new BoothWorker();
  const heading = useRef<HTMLDivElement>(null);
  // A registered key this browser kept for the node's election: the voter need not log in again.
  const [saved, setSaved] = useState<VoterKey>();

  useEffect(() => () => worker.current?.stop(), []);
  useEffect(() => {
    electionClient()
      .electionStatus()
      .then(
        (st) => {
          const k = st.election === undefined ? undefined : loadKey(st.election);
          if (k && isRegistered(k)) setSaved(k);
        },
        () => undefined, // the login form stays the way in
      );
  }, []);
  // Each new step takes the focus, so keyboard and screen reader users start at its top.
  useEffect(() => heading.current?.focus(), [step.s]);

  const go = (next: Step) => {
    setError(undefined);
    setBusy(undefined);
    setStep(next);
  };

  const prepare = async (key: VoterKey) => {
    go({ s: 'prepare', key });
    setNote(undefined);
    try {
      const ready = await worker.current!.ask(
        { type: 'prepare', origin: homeUrl(), election: key.election, key: voterKeyToJson(key) },
        (n) => setNote(noteText(n)),
      );
      go({ s: 'ballot', key, ready, choices: {} });
    } catch (e) {
      setError(shown(e));
    }
  };

  const onRegistered = (session: VoterSession, key: VoterKey) => {
    void session.logout();
    void prepare(key);
  };

  const send = async (kind: 'cast' | 'audit') => {
    if (step.s !== 'review') return;
    setError(undefined);
    setBusy(kind === 'cast' ? t('booth.review.casting') : t('booth.review.auditing'));
    try {
      if (kind === 'cast') {
        go({ s: 'cast', cast: await worker.current!.ask({ type: 'cast', choices: step.choices }) });
      } else {
        const audit = await worker.current!.ask({ type: 'audit', choices: step.choices });
        go({ s: 'audited', key: step.key, audit, manifest: step.ready.manifest });
      }
    } catch (e) {
      setBusy(undefined);
      setError(shown(e));
    }
  };

  let body: preact.ComponentChildren;
  switch (step.s) {
    case 'login':
      body = (
        <LoginStep
          onSession={(session) => go({ s: 'register', session })}
          saved={saved}
          onResume={(k) => void prepare(k)}
        />
      );
      break;
    case 'register':
      body = <RegisterStep session={step.session} onReady={(k) => onRegistered(step.session, k)} />;
      break;
    case 'prepare':
      body = error ? (
        <ErrorNote error={error} onRetry={() => void prepare(step.key)} />
      ) : (
        <Loading label={note ?? t('booth.prepare.busy')} />
      );
      break;
    case 'ballot':
      body = (
        <BallotForm
          manifest={step.ready.manifest}
          initial={step.choices}
          onReview={(choices) => go({ ...step, s: 'review', choices })}
        />
      );
      break;
    case 'review':
      body = (
        <Review
          ready={step.ready}
          choices={step.choices}
          busy={busy}
          onBack={() => go({ ...step, s: 'ballot' })}
          onAudit={() => void send('audit')}
          onCast={() => void send('cast')}
        />
      );
      break;
    case 'cast':
      body = <Receipt cast={step.cast} />;
      break;
    case 'audited':
      body = (
        <Audited audit={step.audit} manifest={step.manifest} onStartOver={() => void prepare(step.key)} />
      );
      break;
  }

  return (
    <PageFrame title={t('booth.title')}>
      <Progress step={step.s} />
      <div ref={heading} tabIndex={-1} class="booth-step">
        {body}
        {error && step.s !== 'prepare' && <ErrorNote error={error} />}
      </div>
    </PageFrame>
  );
}
