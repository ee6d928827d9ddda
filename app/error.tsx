'use client';

import { useEffect } from 'react';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-xl space-y-4 py-12 text-center">
      {/* React places it in the document's head: the error page has a title of its own. */}
      <title>Something went wrong · Inkwell</title>
      <h1 className="font-serif text-3xl font-bold">This page is taking a break</h1>
      <p className="text-muted">
        Inkwell could not show this page right now, usually because one of its services is briefly
        unavailable. Nothing you entered was lost. Please try again in a moment.
      </p>
      {error.digest ? <p className="text-sm text-muted">Reference: {error.digest}</p> : null}
      <button
        type="button"
        onClick={reset}
        className="rounded-full bg-accent px-5 py-3 font-semibold text-accent-ink"
      >
        Try again
      </button>
    </div>
  );
}
