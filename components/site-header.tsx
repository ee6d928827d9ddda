import Link from 'next/link';
import { ThemeToggle } from '@/components/theme-toggle';

export function SiteHeader() {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="font-serif text-2xl font-bold tracking-tight text-ink">
          Inkwell
        </Link>
        <nav aria-label="Account" className="flex items-center gap-2 sm:gap-3">
          <ThemeToggle />
          <Link
            href="/signin"
            className="rounded-full px-3 py-2 text-sm font-medium text-ink hover:underline"
          >
            Sign in
          </Link>
          <Link
            href="/signup"
            className="rounded-full bg-accent px-4 py-2 text-sm font-semibold text-accent-ink hover:opacity-90"
          >
            Sign up
          </Link>
        </nav>
      </div>
    </header>
  );
}
