'use client';

import { useSyncExternalStore } from 'react';
import { formatDate, formatDateTime } from '@/lib/util/format-date';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `3 minutes ago`, `yesterday`, `in 2 hours`: the largest whole unit; `just now` within a minute. */
export function relativeTime(at: Date, now: number): string {
  const seconds = Math.round((at.getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

// Spelled out: dateStyle and timeStyle cannot be combined with timeZoneName.
const exactFormat = new Intl.DateTimeFormat('en', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** The exact time in the reader's own time zone (the browser's), with the zone named. */
export function exactLocalTime(at: Date): string {
  return exactFormat.format(at);
}

const REFRESH_MS = 60_000;

/** One clock for every time on the page, ticking each minute while any is shown. */
let clock: number | null = null;
const listeners = new Set<() => void>();
let ticking: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    clock = Date.now();
    ticking = setInterval(() => {
      clock = Date.now();
      for (const notify of listeners) notify();
    }, REFRESH_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) clearInterval(ticking);
  };
}

const browserNow = () => (clock ??= Date.now());
// The server (and hydration) knows no reader's clock.
const serverNow = () => null;

/**
 * A moment as every page shows it: relative (`3 minutes ago`) with the exact local time on hover.
 * The server and the first render show only the date in UTC: pages are cached and shared, and
 * the server knows neither the reader's zone nor when the copy will be read. The relative text
 * and the local time are filled in by the browser, and kept fresh while the page stays open.
 */
export function RelativeTime({
  iso,
  className,
  exact = false,
}: {
  iso: string;
  className?: string;
  /** Show the exact local time, with the relative one on hover (a time ahead, e.g. a schedule). */
  exact?: boolean;
}) {
  const now = useSyncExternalStore(subscribe, browserNow, serverNow);
  const at = new Date(iso);
  if (now === null)
    return (
      <time dateTime={iso} className={className}>
        {exact ? formatDateTime(iso) : formatDate(iso)}
      </time>
    );
  const [shown, hover] = exact
    ? [exactLocalTime(at), relativeTime(at, now)]
    : [relativeTime(at, now), exactLocalTime(at)];
  return (
    <time dateTime={iso} className={className} title={hover}>
      {shown}
    </time>
  );
}
