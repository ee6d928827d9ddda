'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

interface Cost {
  name: string;
  description: string;
  duration: number;
}

/** Reads this page's Server-Timing entries, as the browser received them. */
function readCosts(): Cost[] {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return (navigation?.serverTiming ?? []).map((entry) => ({
    name: entry.name,
    description: entry.description,
    duration: entry.duration,
  }));
}

/**
 * The opt-in "what did this page cost" panel: the same figures as the Server-Timing header
 * (MongoDB and Redis commands and time, cache hits per object kind, the serving instance).
 */
export function CostPanel() {
  const pathname = usePathname();
  const [costs, setCosts] = useState<Cost[]>([]);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setCosts(readCosts()), 0);
    return () => clearTimeout(timer);
  }, [pathname]);

  if (costs.length === 0) return null;
  const find = (name: string) => costs.find((cost) => cost.name === name);
  const summary = `${find('mongo')?.description ?? '?'} MongoDB · ${find('redis')?.description ?? '?'} Redis · ${Math.round(find('total')?.duration ?? 0)} ms`;
  return (
    <aside
      aria-label="Request cost"
      className="fixed bottom-3 right-3 z-40 max-w-xs rounded-xl border border-line bg-surface text-sm shadow-lg"
    >
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="w-full px-3 py-2 text-left font-medium"
      >
        Cost: {summary}
      </button>
      {open ? (
        <table className="w-full border-t border-line text-left">
          <caption className="sr-only">Server-Timing entries of this page</caption>
          <thead>
            <tr className="text-muted">
              <th scope="col" className="px-3 py-1 font-normal">
                Entry
              </th>
              <th scope="col" className="px-3 py-1 font-normal">
                Detail
              </th>
              <th scope="col" className="px-3 py-1 text-right font-normal">
                ms
              </th>
            </tr>
          </thead>
          <tbody>
            {costs.map((cost) => (
              <tr key={cost.name}>
                <td className="px-3 py-1 font-mono">{cost.name}</td>
                <td className="px-3 py-1">{cost.description}</td>
                <td className="px-3 py-1 text-right">
                  {cost.duration ? cost.duration.toFixed(1) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </aside>
  );
}
