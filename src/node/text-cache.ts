/** A least-recently-used cache of strings bounded by their total length. */
export class TextCache {
  private readonly map = new Map<string, string>();
  private size = 0;

  /** @param maxChars most characters kept (default 64 Mi). */
  constructor(private readonly maxChars = 64 * 1024 * 1024) {}

  /** The cached text, refreshed as most recently used. */
  get(key: string): string | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /** Caches a text (a text larger than the whole cache is not kept). */
  set(key: string, text: string): void {
    if (text.length > this.maxChars) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.size -= old.length;
    }
    this.map.set(key, text);
    this.size += text.length;
    for (const [k, v] of this.map) {
      if (this.size <= this.maxChars) break;
      this.map.delete(k);
      this.size -= v.length;
    }
  }
}
