import type { Metadata } from 'next';
import { SearchForm } from '@/components/search/search-form';
import { SearchResults } from '@/components/search/search-results';
import { getViewer } from '@/lib/auth/get-viewer';
import { preventPageCache } from '@/lib/request/context';
import { search } from '@/lib/search/search';

export const metadata: Metadata = {
  title: 'Search',
  description: 'Find articles, people and tags on Inkwell.',
  robots: { index: false },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One value per parameter (a repeated one counts once). */
function single(params: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => {
      const first = Array.isArray(value) ? value[0] : value;
      return first === undefined ? [] : [[key, first]];
    }),
  );
}

export default async function SearchPage({ searchParams }: Props) {
  const params = single(await searchParams);
  const viewer = await getViewer();
  // Friends-only results make a signed-in reader's page theirs alone: never kept for others.
  if (viewer.status === 'signed-in') preventPageCache('search results are per reader');
  const result = await search(viewer.status === 'signed-in' ? viewer.user.id : null, params);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="font-serif text-3xl font-bold">Search</h1>
      <SearchForm
        query={result.ok ? result.value.query : params}
        errors={result.ok ? {} : result.fieldErrors}
      />
      {!result.ok ? (
        <p role="alert" className="rounded-lg border border-line bg-surface p-4">
          {result.formError ?? 'Please check the search above.'}
        </p>
      ) : result.value.empty ? (
        <p className="text-muted">Type a few words, or choose a tag or an author.</p>
      ) : (
        <SearchResults results={result.value} />
      )}
    </div>
  );
}
