/** Live data: a read repeated every two seconds while the page is shown, updating in place. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Shown, shown } from '../../api/errors.js';

/** How often the explorer reads again (ms). */
export const POLL_MS = 2000;

/** The latest answer of `read` (kept through failures), the last failure, and a manual refresh. */
export interface Polled<T> {
  readonly data?: T;
  readonly error?: Shown;
  readonly refresh: () => void;
}

/**
 * Calls `read` now and every {@link POLL_MS} after the previous call ended (never two at once); a new
 * `key` starts over. `stop(data)` true ends polling (e.g. once a block is final).
 */
export function usePoll<T>(read: () => Promise<T>, key: string, stop?: (data: T) => boolean): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: Shown }>({});
  const [tick, setTick] = useState(0);
  const reader = useRef(read);
  reader.current = read;
  const stopper = useRef(stop);
  stopper.current = stop;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({});
    const once = async () => {
      try {
        const data = await reader.current();
        if (!live) return;
        setState({ data });
        if (stopper.current?.(data)) return;
      } catch (e) {
        if (!live) return;
        setState((s) => ({ ...s, error: shown(e) }));
      }
      timer = setTimeout(() => void once(), POLL_MS);
    };
    void once();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [key, tick]);
  return { ...state, refresh: () => setTick((n) => n + 1) };
}
