import Link from 'next/link';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  return (
    <div className="space-y-10">
      <section aria-labelledby="welcome" className="max-w-2xl space-y-4">
        <h1 id="welcome" className="font-serif text-4xl font-bold tracking-tight sm:text-5xl">
          Stories from people you follow
        </h1>
        <p className="text-lg text-muted">
          Inkwell is a home for writing: publish articles, read your friends, and keep up with what
          they share.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link
            href="/signup"
            className="rounded-full bg-accent px-5 py-3 font-semibold text-accent-ink hover:opacity-90"
          >
            Start writing
          </Link>
          <Link href="/signin" className="rounded-full border border-line px-5 py-3 font-semibold">
            Sign in
          </Link>
        </div>
      </section>
      <section aria-labelledby="recent" className="space-y-4">
        <h2 id="recent" className="font-serif text-2xl font-semibold">
          Recent articles
        </h2>
        <div className="rounded-xl border border-dashed border-line bg-surface p-8 text-center">
          <p className="font-medium">No articles yet.</p>
          <p className="mt-1 text-muted">
            When authors publish, their newest articles appear here.
          </p>
        </div>
      </section>
    </div>
  );
}
