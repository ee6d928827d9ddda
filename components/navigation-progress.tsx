'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useState } from 'react';

const START_EVENT = 'inkwell:navigation-start';
const GIVE_UP_AFTER_MS = 15_000;

/**
 * Call before `router.push` / `router.replace` so the bar shows for navigations no link starts.
 * Link clicks are noticed on their own.
 */
export function startNavigationProgress(): void {
  window.dispatchEvent(new Event(START_EVENT));
}

/** Whether a click on this anchor makes the App Router load another page of this site. */
function navigatesAway(event: MouseEvent): boolean {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return false;
  const anchor = (event.target as Element | null)?.closest?.('a[href]');
  if (!(anchor instanceof HTMLAnchorElement)) return false;
  if (anchor.target && anchor.target !== '_self') return false;
  if (anchor.hasAttribute('download')) return false;
  const to = new URL(anchor.href, window.location.href);
  if (to.origin !== window.location.origin) return false;
  // A jump within the page, or the page itself, loads nothing.
  return to.pathname !== window.location.pathname || to.search !== window.location.search;
}

function Bar() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const start = () => setLoading(true);
    const onClick = (event: MouseEvent) => {
      if (navigatesAway(event)) start();
    };
    // Capture: Next's <Link> cancels the click's default before a bubbling listener would see it.
    window.addEventListener('click', onClick, true);
    window.addEventListener(START_EVENT, start);
    return () => {
      window.removeEventListener('click', onClick, true);
      window.removeEventListener(START_EVENT, start);
    };
  }, []);

  useEffect(() => {
    if (!loading) return;
    // A navigation that lands on the same address (a redirect back, a failure) must not leave it.
    const timer = setTimeout(() => setLoading(false), GIVE_UP_AFTER_MS);
    return () => clearTimeout(timer);
  }, [loading]);

  // The new page is on screen once the address the router shows has changed.
  const address = `${pathname}?${searchParams.toString()}`;
  const [shown, setShown] = useState(address);
  if (shown !== address) {
    setShown(address);
    setLoading(false);
  }

  if (!loading) return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      className="navigation-progress pointer-events-none fixed inset-x-0 top-0 z-50 h-1"
    >
      <div className="navigation-progress-fill h-full bg-accent" />
    </div>
  );
}

/**
 * A thin bar at the top of the window while the next page loads (client-side navigations), so a
 * slow connection shows that the click was heard. Renders nothing on the server: the same for
 * every reader of a shared page.
 */
export function NavigationProgress() {
  return (
    <Suspense fallback={null}>
      <Bar />
    </Suspense>
  );
}
