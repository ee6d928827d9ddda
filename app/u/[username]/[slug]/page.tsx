import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { cache, Suspense } from 'react';
import { CommentSection } from '@/components/articles/comment-section';
import { EditArticleLink } from '@/components/articles/edit-article-link';
import { LikeButton } from '@/components/articles/like-button';
import { SaveButton } from '@/components/reading-list/save-button';
import { ReportButton } from '@/components/moderation/report-button';
import { VisibilityBadge } from '@/components/articles/visibility-badge';
import { Avatar } from '@/components/ui/avatar';
import { JsonLd } from '@/components/ui/json-ld';
import { ListSkeleton } from '@/components/ui/skeleton';
import { listComments } from '@/lib/articles/comments';
import { noteArticleView } from '@/lib/articles/counters';
import type { ArticleView } from '@/lib/articles/article-view';
import { getArticlePage } from '@/lib/articles/get-article-page';
import { getLikeState } from '@/lib/articles/likes';
import { articlePageJsonLd } from '@/lib/articles/structured-data';
import { env } from '@/lib/config/env';
import { coverUrl } from '@/lib/media/names';
import { mutedBy } from '@/lib/mutes/cache';
import { getViewer } from '@/lib/auth/get-viewer';
import { isSaved } from '@/lib/reading-list/cache';
import { renderingForMembers, shareWithMembers } from '@/lib/request/context';
import type { PublicUser } from '@/lib/users/public-user';
import { RelativeTime } from '@/components/ui/relative-time';

type Props = { params: Promise<{ username: string; slug: string }> };

/** Once per request, shared by the metadata and the page. */
const resolve = cache(async (username: string, slug: string) => {
  const viewer = await getViewer();
  const viewerId = viewer.status === 'signed-in' ? viewer.user.id : null;
  return { viewerId, page: await getArticlePage(username, slug, viewerId) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { username, slug } = await params;
  const { page } = await resolve(username, slug);
  if (page.kind !== 'article') return { title: 'Page not found' };
  const { article, author } = page;
  const url = `${env().appUrl}/u/${author.usernameKey}/${article.slug}`;
  const image = article.cover
    ? `${env().appUrl}${coverUrl(article.id, article.cover, 1280)}`
    : undefined;
  return {
    title: article.title,
    description: article.excerpt || `${article.title}, by ${author.displayName}.`,
    alternates: { canonical: url },
    // Friends-only and unlisted articles stay out of search engines.
    robots: article.visibility === 'public' ? undefined : { index: false },
    openGraph: {
      type: 'article',
      url,
      title: article.title,
      description: article.excerpt,
      publishedTime: article.publishedAt ?? undefined,
      authors: [`${env().appUrl}/u/${author.usernameKey}`],
      tags: article.tags,
      images: image ? [{ url: image, width: 1280, height: 640 }] : undefined,
    },
    twitter: {
      card: image ? 'summary_large_image' : 'summary',
      title: article.title,
      description: article.excerpt,
    },
  };
}

export default async function ArticlePage({ params }: Props) {
  const { username, slug } = await params;
  const { viewerId, page } = await resolve(username, slug);
  if (page.kind === 'redirect') permanentRedirect(page.location);
  if (page.kind === 'not-found') notFound();
  const { article, author } = page;
  // One copy for every signed-in reader: nothing of this one in it. Their like, the edit link and
  // the comment controls come from their state in the browser (components/reader).
  const forEveryReader = viewerId !== null && renderingForMembers();
  // Public and unlisted articles read alike for everyone with the link; friends-only ones do not.
  if (forEveryReader && article.visibility !== 'friends') shareWithMembers();
  const [likes, saved] = await Promise.all([
    getLikeState(article.id, forEveryReader ? null : viewerId),
    // Saved or not is the reader's own: on the shared copy it comes from their state.
    viewerId && !forEveryReader ? isSaved(viewerId, article.id) : null,
    noteArticleView(article.id),
  ]);
  return (
    <article className="mx-auto max-w-3xl space-y-8">
      <JsonLd data={articlePageJsonLd(article, author)} />
      <ArticleHeading
        article={article}
        author={author}
        isAuthor={forEveryReader ? null : viewerId === article.authorId}
      />
      {article.cover ? (
        // eslint-disable-next-line @next/next/no-img-element -- immutable, sized WebP renditions
        <img
          src={coverUrl(article.id, article.cover, 1280)}
          srcSet={`${coverUrl(article.id, article.cover, 640)} 640w, ${coverUrl(article.id, article.cover, 1280)} 1280w`}
          sizes="(min-width: 768px) 768px, 100vw"
          alt=""
          width={1280}
          height={640}
          className="h-auto w-full rounded-xl bg-line"
        />
      ) : null}
      <div
        className="prose prose-lg prose-inkwell max-w-none break-words"
        // Rendered on the server by lib/articles/render-markdown.ts with an allowlist sanitizer.
        dangerouslySetInnerHTML={{ __html: article.html }}
      />
      <div className="flex flex-wrap items-center gap-3">
        <LikeButton
          articleId={article.id}
          initial={forEveryReader ? { liked: null, count: likes.count } : likes}
          signedIn={forEveryReader ? null : viewerId !== null}
        />
        <SaveButton
          articleId={article.id}
          initialSaved={saved}
          signedIn={forEveryReader ? null : viewerId !== null}
        />
        <ReportButton
          kind="article"
          id={article.id}
          signedIn={forEveryReader ? null : viewerId !== null && viewerId !== article.authorId}
        />
      </div>
      <Suspense fallback={<ListSkeleton label="Loading comments…" rows={2} />}>
        <Comments
          articleId={article.id}
          articleAuthorId={article.authorId}
          viewerId={forEveryReader ? undefined : viewerId}
        />
      </Suspense>
    </article>
  );
}

/** Title, byline, the author's edit link (null: the reader's state decides) and tags. */
function ArticleHeading({
  article,
  author,
  isAuthor,
}: {
  article: ArticleView;
  author: PublicUser;
  isAuthor: boolean | null;
}) {
  return (
    <header className="space-y-4">
      <VisibilityBadge visibility={article.visibility} />
      <h1 className="font-serif text-4xl font-bold leading-tight break-words sm:text-5xl">
        {article.title}
      </h1>
      <div className="flex items-center gap-3">
        <Avatar user={author} size={44} decorative />
        <div className="text-sm">
          <Link href={`/u/${author.usernameKey}`} className="font-medium hover:underline">
            {author.displayName}
          </Link>
          <p className="text-muted">
            {article.publishedAt ? <RelativeTime iso={article.publishedAt} /> : null} ·{' '}
            {article.readingMinutes} min read
          </p>
        </div>
        <EditArticleLink articleId={article.id} authorId={article.authorId} isAuthor={isAuthor} />
      </div>
      {article.tags.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label="Tags">
          {article.tags.map((tag) => (
            <li key={tag}>
              <Link
                href={`/t/${tag}`}
                className="rounded-full bg-surface px-3 py-1 text-sm hover:underline"
              >
                #{tag}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </header>
  );
}

/** Streamed after the article itself: reading never waits for the discussion. */
async function Comments({
  articleId,
  articleAuthorId,
  viewerId,
}: {
  articleId: string;
  articleAuthorId: string;
  viewerId: string | null | undefined;
}) {
  const [threads, muted] = await Promise.all([
    listComments(articleId),
    // Only in a render for this one reader; the shared copy hides them from the reader's state.
    typeof viewerId === 'string' ? mutedBy(viewerId) : null,
  ]);
  return (
    <CommentSection
      articleId={articleId}
      articleAuthorId={articleAuthorId}
      threads={threads}
      viewerId={viewerId}
      mutedAuthorIds={muted ? [...muted] : undefined}
    />
  );
}
