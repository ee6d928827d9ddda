import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { globalSingleton } from '@/lib/util/global-singleton';

export interface EventLoopDelay {
  /** Delays sampled (one every 10 ms while the loop runs). */
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** This process's event-loop delay histogram, started on first use. */
function histogram(): IntervalHistogram {
  return globalSingleton('eventLoopDelay', () => {
    const created = monitorEventLoopDelay({ resolution: 10 });
    created.enable();
    return created;
  });
}

/**
 * How long the event loop was held up since the last reset (operators and the tests that prove
 * no request can stall an instance read it through /api/metrics). Each sample includes the 10 ms
 * sampling interval's own jitter, so an idle loop reads about 10 ms.
 */
export function eventLoopDelay(reset = false): EventLoopDelay {
  const delays = histogram();
  const toMs = (nanoseconds: number) => Math.round(nanoseconds / 1e4) / 100;
  const snapshot = {
    samples: delays.count,
    p50Ms: delays.count ? toMs(delays.percentile(50)) : 0,
    p99Ms: delays.count ? toMs(delays.percentile(99)) : 0,
    maxMs: delays.count ? toMs(delays.max) : 0,
  };
  if (reset) delays.reset();
  return snapshot;
}
