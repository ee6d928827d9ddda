import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleList } from '@/components/articles/article-list';
import { feedAlternates } from '@/lib/articles/feed';
import { listTagArticles } from '@/lib/articles/list-articles';
import { normaliseTag, TAG_MAX } from '@/lib/articles/schemas';
import { parseCursor } from '@/lib/util/cursor';

type Props = { params: Promise<{ tag: string }>; searchParams: Promise<{ before?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tag = normaliseTag((await params).tag);
  return {
    title: `#${tag}`,
    description: `Articles tagged #${tag} on Inkwell.`,
    alternates: feedAlternates(`/t/${tag}/feed.xml`, `#${tag} on Inkwell (RSS)`),
  };
}

export default async function TagPage({ params, searchParams }: Props) {
  // Tags are [a-z0-9-]: nothing in one needs decoding, and a param that does is not a tag.
  const raw = (await params).tag;
  const tag = normaliseTag(raw);
  if (!tag || tag !== raw || tag.length > TAG_MAX) notFound();
  const page = await listTagArticles(tag, parseCursor((await searchParams).before));
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="font-serif text-3xl font-bold">#{tag}</h1>
      <ArticleList
        page={page}
        label={`Articles tagged ${tag}`}
        basePath={`/t/${tag}`}
        empty={`No articles tagged #${tag} yet.`}
        headingLevel={2}
      />
    </div>
  );
}
