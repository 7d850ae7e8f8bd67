/** A terminal progress bar for roll imports (cli-progress), fed by the import's progress callback. */
import { Presets, SingleBar } from 'cli-progress';
import type { ImportProgress } from './roll-import.js';

/** A bar on stderr; call `stop()` when the import returns. */
export function rollImportBar(stream: NodeJS.WritableStream = process.stderr): {
  progress: ImportProgress;
  stop(): void;
} {
  const bar = new SingleBar(
    { format: 'importing voters [{bar}] {value}/{total} {phase}', stream, hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    progress: ({ phase, done, total }) => {
      if (!started) {
        bar.start(total, done, { phase });
        started = true;
      } else bar.update(done, { phase });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
