declare global {
  /** Every process-wide singleton, by name (see `globalSingleton`). */
  var inkwellSingletons: Map<string, unknown> | undefined;
}

/**
 * One value per process, however many bundles load this module: the custom server (esbuild),
 * Next's server bundles and hot reloads in development each get their own module instance,
 * but they must share connections, counters and the request context. The registry lives on
 * `globalThis`, which they all share.
 */
export function globalSingleton<T>(name: string, create: () => T): T {
  const registry = (globalThis.inkwellSingletons ??= new Map<string, unknown>());
  // The name decides the type: each name is created by one call site.
  const existing = registry.get(name) as T | undefined;
  if (existing !== undefined) return existing;
  const created = create();
  registry.set(name, created);
  return created;
}

/** Forgets a singleton, returning it: the next `globalSingleton(name, …)` creates a new one (tests). */
export function forgetGlobalSingleton(name: string): unknown {
  const previous = globalThis.inkwellSingletons?.get(name);
  globalThis.inkwellSingletons?.delete(name);
  return previous;
}
