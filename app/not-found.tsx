import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = {
  title: 'Page not found',
  description: 'The page you were looking for does not exist on Inkwell.',
};

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <h1 className="font-serif text-3xl font-bold">Page not found</h1>
      <p className="text-muted">
        The page you were looking for does not exist or is not visible to you.
      </p>
      <Link
        href="/"
        className="inline-block rounded-full bg-accent px-5 py-3 font-semibold text-accent-ink"
      >
        Go to the home page
      </Link>
    </div>
  );
}
