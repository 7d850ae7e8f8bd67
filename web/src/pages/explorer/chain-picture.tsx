/**
 * The chain as a picture: one box per block of the last heights (height, short id, miner, proof of work,
 * approvals against the quorum, finality in colour and words), side branches below the main chain,
 * each block linked to its parent. The SVG is one image for assistive technology, with a summary; the
 * list of blocks after it carries the links.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { BlockView } from '../../../../src/node/http/views.js';
import { t } from '../../i18n/index.js';
import type { ChainPicture } from './chain-data.js';
import { powBits, STATUS, type Status, short, tally } from './format.js';

const W = 164;
const H = 134;
const GAP_X = 36;
const GAP_Y = 22;
const PAD = 10;

const FILL: Record<Status, { fill: string; stroke: string }> = {
  final: { fill: '#e6f4ea', stroke: '#116329' },
  pending: { fill: '#fff4e0', stroke: '#7a4d00' },
  rejected: { fill: '#fdecec', stroke: '#a4161a' },
};

interface Placed {
  readonly b: BlockView;
  readonly x: number;
  readonly y: number;
}

function place(p: ChainPicture): { boxes: Placed[]; width: number; height: number } {
  const boxes: Placed[] = [];
  let rows = 1;
  for (const [col, c] of p.columns.entries()) {
    for (const [row, b] of c.blocks.entries())
      boxes.push({ b, x: PAD + col * (W + GAP_X), y: PAD + row * (H + GAP_Y) });
    rows = Math.max(rows, c.blocks.length);
  }
  return {
    boxes,
    width: PAD * 2 + p.columns.length * (W + GAP_X) - GAP_X,
    height: PAD * 2 + rows * (H + GAP_Y) - GAP_Y,
  };
}

/** The accessible summary of the picture. */
export function pictureLabel(p: ChainPicture): string {
  const first = p.columns[0]?.height ?? 0;
  const forks = p.columns.reduce((n, c) => n + Math.max(0, c.blocks.length - 1), 0);
  const head = p.columns.at(-1)?.blocks[0];
  return t('explorer.picture.label', {
    from: first,
    to: p.summary.head.height,
    status: head ? t(STATUS[head.status].key) : '',
    final: p.summary.final.height,
    forks,
  });
}

function Box({ b, x, y, quorum }: Placed & { quorum: number }) {
  const s = FILL[b.status];
  const v = tally(b.approvals);
  const lines = [
    short(b.id, 12),
    t('explorer.box.miner', { miner: b.block.miner_name }),
    t('explorer.box.pow', { bits: powBits(b.id) }),
    t('explorer.box.nonce', { nonce: b.block.nonce }),
    b.height === 0
      ? t('explorer.box.genesis')
      : t('explorer.box.approvals', { n: v.approve, quorum, reject: v.reject ? ` ✗${v.reject}` : '' }),
  ];
  return (
    <a href={`/explorer/block/${b.id}`} tabIndex={-1} class="chain-box">
      <rect
        x={x}
        y={y}
        width={W}
        height={H}
        rx={6}
        fill={s.fill}
        stroke={s.stroke}
        stroke-width={b.main ? 2.5 : 1.5}
        stroke-dasharray={b.main ? undefined : '5 3'}
      />
      <text x={x + 10} y={y + 20} class="chain-h">
        {t('explorer.box.height', { height: b.height })}
      </text>
      <text x={x + W - 10} y={y + 20} text-anchor="end" fill={s.stroke} class="chain-status">
        {t(STATUS[b.status].key)}
      </text>
      {lines.map((l, i) => (
        <text key={l} x={x + 10} y={y + 42 + i * 19} class={i === 0 ? 'chain-id' : 'chain-line'}>
          {l}
        </text>
      ))}
    </a>
  );
}

/** The picture and the list of its blocks. */
export function ChainPictureView({ picture }: { picture: ChainPicture }) {
  const { boxes, width, height } = place(picture);
  const at = new Map(boxes.map((p) => [p.b.id, p]));
  const scroller = useRef<HTMLDivElement>(null);
  const head = picture.summary.head.id;
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [head]);
  const quorum = picture.summary.genesis.quorum;
  return (
    <>
      <div class="chain-scroll" ref={scroller}>
        <svg
          role="img"
          aria-label={pictureLabel(picture)}
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          class="chain-svg"
        >
          {boxes.map(({ b, x, y }) => {
            const parent = at.get(b.block.parent_id);
            const py = parent ? parent.y + H / 2 : y + H / 2;
            const px = parent ? parent.x + W : x - GAP_X + 4;
            return b.height === 0 ? null : (
              <path
                key={`e${b.id}`}
                d={`M${px},${py} C${px + GAP_X / 2},${py} ${x - GAP_X / 2},${y + H / 2} ${x},${y + H / 2}`}
                fill="none"
                stroke="#4a5360"
                stroke-width={1.5}
                stroke-dasharray={parent ? undefined : '3 3'}
              />
            );
          })}
          {boxes.map((p) => (
            <Box key={p.b.id} {...p} quorum={quorum} />
          ))}
        </svg>
      </div>
      <ol class="block-list" aria-label={t('explorer.picture.list')}>
        {[...boxes].reverse().map(({ b }) => (
          <li key={b.id}>
            <a href={`/explorer/block/${b.id}`}>
              {b.main
                ? t('explorer.block.link', { height: b.height })
                : t('explorer.block.linkFork', { height: b.height })}
            </a>{' '}
            <span class={`badge ${STATUS[b.status].tone}`}>{t(STATUS[b.status].key)}</span>{' '}
            <span class="mono muted">{short(b.id)}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
