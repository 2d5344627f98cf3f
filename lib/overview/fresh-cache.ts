// A value recomputed at most once per `freshMs` however many requests ask for it. A request that finds it
// older than `freshMs` still gets it at once while one background refresh runs (so no visitor waits on the
// refresh); one that finds it older than `maxStaleMs` (or nothing yet) waits for the refresh. A failed
// refresh is not cached: the next request tries again.

export interface FreshCache<T> {
  get(): Promise<T>;
  /** Drops the value (tests, or after a change the page must show at once). */
  clear(): void;
}

export function freshCache<T>(load: () => Promise<T>, options: { freshMs: number; maxStaleMs: number; now?: () => number }): FreshCache<T> {
  const now = options.now ?? Date.now;
  let value: { data: T; at: number } | null = null;
  let refreshing: Promise<T> | null = null;
  let generation = 0;

  const refresh = (): Promise<T> => {
    if (refreshing) return refreshing;
    const started = now();
    const mine = generation;
    refreshing = load().then(
      (data) => {
        if (mine === generation) value = { data, at: started };
        refreshing = null;
        return data;
      },
      (error: unknown) => {
        refreshing = null;
        throw error;
      },
    );
    return refreshing;
  };

  return {
    get() {
      const age = value ? now() - value.at : Infinity;
      if (value && age <= options.freshMs) return Promise.resolve(value.data);
      if (value && age <= options.maxStaleMs) {
        refresh().catch(() => {});
        return Promise.resolve(value.data);
      }
      return refresh();
    },
    clear() {
      generation += 1;
      value = null;
      refreshing = null;
    },
  };
}
