/** Progress bars of the demo on stderr (none when stderr is not a terminal or output is JSON). */
import { Presets, SingleBar } from 'cli-progress';

/** A progress bar. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** A bar titled `title` over `total` steps; silent when `quiet`. */
export function progressBar(title: string, total: number, quiet: boolean): Progress {
  if (quiet || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      format: `${title.padEnd(22)} [{bar}] {value}/{total}  {duration_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (d) => bar.update(d), stop: () => bar.stop() };
}
