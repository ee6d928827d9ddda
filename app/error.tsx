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
      <h1 className="font-serif text-3xl font-bold">Something went wrong</h1>
      <p className="text-muted">
        This page could not be shown right now. Nothing you entered was lost; please try again.
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
