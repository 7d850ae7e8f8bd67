/** A minimal typed event hub (listeners run synchronously, in order; a throwing listener is a bug). */

/** Listener sets by event name. */
export class Events<M extends { [K in keyof M]: unknown }> {
  private readonly listeners: { [K in keyof M]?: ((v: M[K]) => void)[] } = {};

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof M>(name: K, fn: (v: M[K]) => void): () => void {
    const list = this.listeners[name] ?? [];
    list.push(fn);
    this.listeners[name] = list;
    return () => {
      const l = this.listeners[name];
      if (l) this.listeners[name] = l.filter((x) => x !== fn);
    };
  }

  /** Calls the listeners of an event. */
  emit<K extends keyof M>(name: K, v: M[K]): void {
    for (const fn of this.listeners[name] ?? []) fn(v);
  }
}
