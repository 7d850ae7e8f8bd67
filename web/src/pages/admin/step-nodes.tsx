/**
 * Wizard steps 4 and 5: the ballot boxes (id, Ed25519 key, URL) and the trustees (name, key) with the
 * threshold k. Nodes this node knows as peers can be added from a list: name, URL and public key are
 * filled in from each node's own `/api/chain`. Other nodes' keys are typed in, as printed by
 * `pnyx node … --print-key`.
 */
import { useState } from 'preact/hooks';
import { ledgerClient } from '../../api/clients.js';
import { type Shown, shown } from '../../api/errors.js';
import { t } from '../../i18n/index.js';
import { ErrorNote, Field } from '../../ui/notice.js';
import { GroupError } from './controls.js';
import type { Draft } from './draft.js';
import type { StepProps } from './step-manifest.js';

/** A peer of the home node as its own `/api/chain` describes it. */
interface PeerNode {
  readonly url: string;
  readonly name: string;
  readonly roles: readonly string[];
  /** Its Ed25519 public key (hex). */
  readonly key: string;
}

/** The home node's peers, each asked for its name and roles (unreachable ones left out). */
async function knownNodes(): Promise<PeerNode[]> {
  const { peers } = await ledgerClient().peers();
  const found = await Promise.all(
    peers
      .filter((p) => !p.banned)
      .map(async (p): Promise<PeerNode | undefined> => {
        try {
          const c = await ledgerClient(p.url).chain();
          return { url: p.url, name: c.node.name, roles: c.node.roles, key: c.node.key };
        } catch {
          return undefined;
        }
      }),
  );
  return found.filter((n): n is PeerNode => n !== undefined).sort((a, b) => a.name.localeCompare(b.name));
}

function PeerPicker({
  nodeRole,
  taken,
  onPick,
}: {
  nodeRole: string;
  taken: (n: PeerNode) => boolean;
  onPick: (n: PeerNode) => void;
}) {
  const [nodes, setNodes] = useState<PeerNode[]>();
  const [error, setError] = useState<Shown>();
  const [busy, setBusy] = useState(false);
  const find = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setNodes(await knownNodes());
    } catch (e) {
      setError(shown(e));
    } finally {
      setBusy(false);
    }
  };
  const fit = nodes?.filter((n) => n.roles.includes(nodeRole));
  return (
    <div class="admin-peers">
      <button type="button" class="secondary" disabled={busy} onClick={find}>
        {t('admin.peers.find')}
      </button>
      {error && <ErrorNote error={error} />}
      {fit && fit.length === 0 && <p class="muted">{t('admin.peers.none', { role: nodeRole })}</p>}
      {fit && fit.length > 0 && (
        <ul>
          {fit.map((n) => (
            <li key={n.url}>
              <button type="button" class="secondary" disabled={taken(n)} onClick={() => onPick(n)}>
                {t('admin.peers.add', { name: n.name })}
              </button>{' '}
              <span class="mono muted">{n.url}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The ballot boxes step. */
export function BoxesStep({ draft, set, problems: p }: StepProps) {
  const setBox = (i: number, b: Partial<Draft['boxes'][number]>) =>
    set({ ...draft, boxes: draft.boxes.map((x, k) => (k === i ? { ...x, ...b } : x)) });
  const add = (b = { id: '', key: '', url: '' }) => {
    const blank = draft.boxes.findIndex((x) => !x.id && !x.key && !x.url);
    set({
      ...draft,
      boxes: blank >= 0 ? draft.boxes.map((x, k) => (k === blank ? b : x)) : [...draft.boxes, b],
    });
  };
  return (
    <>
      <p class="muted">{t('admin.b.hint')}</p>
      <GroupError id="boxes-error" error={p.boxes} />
      {draft.boxes.map((b, i) => (
        <fieldset key={i}>
          <legend>{t('admin.b.legend', { n: i + 1 })}</legend>
          <Field
            id={`box${i}.id`}
            label={t('admin.b.id')}
            value={b.id}
            error={p[`box${i}.id`]}
            onInput={(e) => setBox(i, { id: e.currentTarget.value })}
          />
          <Field
            id={`box${i}.key`}
            label={t('admin.b.key')}
            hint={t('admin.key.hint')}
            class="mono"
            value={b.key}
            error={p[`box${i}.key`]}
            onInput={(e) => setBox(i, { key: e.currentTarget.value.trim().toLowerCase() })}
          />
          <Field
            id={`box${i}.url`}
            label={t('admin.b.url')}
            type="url"
            value={b.url}
            error={p[`box${i}.url`]}
            onInput={(e) => setBox(i, { url: e.currentTarget.value.trim() })}
          />
          {draft.boxes.length > 1 && (
            <button
              type="button"
              class="secondary"
              onClick={() => set({ ...draft, boxes: draft.boxes.filter((_, k) => k !== i) })}
            >
              {t('admin.b.remove', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => add()}>
          {t('admin.b.add')}
        </button>
      </div>
      <PeerPicker
        nodeRole="ballot-box"
        taken={(n) => draft.boxes.some((b) => b.url === n.url)}
        onPick={(n) => add({ id: n.name, key: n.key, url: n.url })}
      />
    </>
  );
}

/** The trustees step. */
export function TrusteesStep({ draft, set, problems: p }: StepProps) {
  const setTr = (i: number, tr: Partial<Draft['trustees'][number]>) =>
    set({ ...draft, trustees: draft.trustees.map((x, k) => (k === i ? { ...x, ...tr } : x)) });
  const add = (tr = { name: '', key: '' }) => {
    const blank = draft.trustees.findIndex((x) => !x.name && !x.key);
    set({
      ...draft,
      trustees: blank >= 0 ? draft.trustees.map((x, k) => (k === blank ? tr : x)) : [...draft.trustees, tr],
    });
  };
  const paillier = draft.scheme === 'paillier';
  return (
    <>
      <p class="muted">{t(paillier ? 'admin.t.paillier' : 'admin.t.hint')}</p>
      <GroupError id="trustees-error" error={p.trustees} />
      {draft.trustees.map((tr, i) => (
        <fieldset key={i}>
          <legend>{t('admin.t.legend', { n: i + 1 })}</legend>
          <Field
            id={`tr${i}.name`}
            label={t('admin.t.name')}
            value={tr.name}
            error={p[`tr${i}.name`]}
            onInput={(e) => setTr(i, { name: e.currentTarget.value })}
          />
          <Field
            id={`tr${i}.key`}
            label={t('admin.t.key')}
            hint={t('admin.key.hint')}
            class="mono"
            value={tr.key}
            error={p[`tr${i}.key`]}
            onInput={(e) => setTr(i, { key: e.currentTarget.value.trim().toLowerCase() })}
          />
          {draft.trustees.length > 1 && (
            <button
              type="button"
              class="secondary"
              onClick={() => set({ ...draft, trustees: draft.trustees.filter((_, k) => k !== i) })}
            >
              {t('admin.t.remove', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      {!paillier && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => add()}>
            {t('admin.t.add')}
          </button>
        </div>
      )}
      <Field
        id="k"
        label={t('admin.t.k', { n: draft.trustees.length })}
        hint={t('admin.t.k.hint')}
        inputMode="numeric"
        value={draft.k}
        error={p.k}
        disabled={paillier}
        onInput={(e) => set({ ...draft, k: e.currentTarget.value })}
      />
      {!paillier && (
        <PeerPicker
          nodeRole="trustee"
          taken={(n) => draft.trustees.some((x) => x.name === n.name)}
          onPick={(n) => add({ name: n.name, key: n.key })}
        />
      )}
    </>
  );
}
