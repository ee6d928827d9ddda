/**
 * One value per process, however many bundles load this module: the custom server (esbuild),
 * Next's server bundles and hot reloads in development each get their own module instance,
 * but they must share connections, counters and the request context.
 */
export function globalSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`inkwell.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const existing = store[key];
  if (existing !== undefined) return existing;
  const created = create();
  store[key] = created;
  return created;
}
