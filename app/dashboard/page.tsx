import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { DashboardSection } from '@/components/articles/dashboard-list';
import { buttonClasses } from '@/components/ui/button';
import { pageViewer } from '@/lib/auth/page-viewer';
import { getDashboard } from '@/lib/articles/desk';

export const metadata: Metadata = {
  title: 'Your articles',
  description:
    'Your drafts, scheduled and published articles on Inkwell, with their views, likes and comments.',
};

const SECTIONS = [
  { id: 'drafts', title: 'Drafts', empty: 'No drafts. Start one with “Write an article”.' },
  {
    id: 'scheduled',
    title: 'Scheduled',
    empty: 'Nothing scheduled. Schedule a draft from its editor.',
  },
  { id: 'published', title: 'Published', empty: 'Nothing published yet.' },
] as const;

/** The signed-in author's own articles: rendered for them alone, never kept in the page cache. */
export default async function DashboardPage() {
  const viewer = await pageViewer('/dashboard');
  if (!viewer) return <SignInUnavailable title="Your articles" />;
  const dashboard = await getDashboard(viewer.user.id);
  const authorPath = `/u/${viewer.user.usernameKey}`;
  const shared = { days: dashboard.days, authorPath };
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">Your articles</h1>
        <Link href="/write" className={buttonClasses('primary')}>
          Write an article
        </Link>
      </div>
      {SECTIONS.map(({ id, title, empty }) => (
        <DashboardSection
          key={id}
          id={id}
          title={title}
          articles={dashboard[id]}
          empty={empty}
          {...shared}
        />
      ))}
    </div>
  );
}
