import Link from 'next/link';
import type { ArticleHistory, RevisionComparison } from '@/lib/articles/revisions';
import type { DiffPart } from '@/lib/articles/text-diff';
import { RelativeTime } from '@/components/ui/relative-time';
import { RestoreButton } from './restore-button';

// Versions are told apart by their exact time (in the reader's zone); how long ago on hover.
function When({ iso }: { iso: string }) {
  return <RelativeTime iso={iso} exact />;
}

/**
 * "History" of a published article: its kept versions newest first; the chosen one compared with
 * the current text (what it had struck through, what is new underlined, each also said in words),
 * and "Restore this version".
 */
export function RevisionHistory({
  history,
  chosen,
  authorPath,
}: {
  history: ArticleHistory;
  chosen: RevisionComparison | null;
  authorPath: string;
}) {
  const { article, revisions } = history;
  const base = `/write/${article.id}/history`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="font-serif text-3xl font-bold">History</h1>
        <Link href={`/write/${article.id}`} className="text-sm underline">
          Back to the editor
        </Link>
      </div>
      <p className="text-muted">
        Earlier versions of “{article.title}”: each update of the published article keeps the one it
        replaces (the most recent 100).
      </p>
      {revisions.length === 0 ? (
        <p>No earlier version yet: each “Update” of the published article keeps the one before.</p>
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
          <nav aria-label="Versions" className="min-w-0">
            <ol className="space-y-1">
              {revisions.map((revision) => {
                const current = chosen?.version === revision.version;
                return (
                  <li key={revision.version}>
                    <Link
                      href={`${base}?version=${revision.version}`}
                      aria-current={current ? 'page' : undefined}
                      className={`block rounded-lg px-3 py-2 hover:bg-surface ${current ? 'border border-accent bg-surface font-semibold' : ''}`}
                    >
                      <When iso={revision.savedAt} />
                      <span className="block truncate text-sm text-muted">
                        {revision.title || 'Untitled'}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ol>
          </nav>
          {chosen ? (
            <Comparison
              chosen={chosen}
              articleId={article.id}
              articleVersion={article.version}
              authorPath={authorPath}
            />
          ) : (
            <p>Choose a version to compare it with the current text.</p>
          )}
        </div>
      )}
    </div>
  );
}

function Comparison({
  chosen,
  articleId,
  articleVersion,
  authorPath,
}: {
  chosen: RevisionComparison;
  articleId: string;
  articleVersion: number;
  authorPath: string;
}) {
  const changedFields = [
    chosen.title.before !== chosen.title.now
      ? { label: 'Title', before: chosen.title.before, now: chosen.title.now }
      : null,
    chosen.tags.before.join(', ') !== chosen.tags.now.join(', ')
      ? { label: 'Tags', before: chosen.tags.before.join(', '), now: chosen.tags.now.join(', ') }
      : null,
    chosen.visibility.before !== chosen.visibility.now
      ? { label: 'Visibility', before: chosen.visibility.before, now: chosen.visibility.now }
      : null,
  ].filter((field) => field !== null);
  return (
    <section aria-labelledby="comparison-title" className="min-w-0 space-y-4">
      <h2 id="comparison-title" className="text-xl font-semibold">
        Version of <When iso={chosen.savedAt} />, compared with the current text
      </h2>
      <p className="text-sm text-muted">
        <del className="decoration-2">Struck through</del>: only in that version.{' '}
        <ins className="decoration-2">Underlined</ins>: only in the current text.
      </p>
      {changedFields.length > 0 ? (
        <dl className="space-y-1 text-sm">
          {changedFields.map((field) => (
            <div key={field.label}>
              <dt className="inline font-semibold">{field.label}: </dt>
              <dd className="inline">
                <Change kind="removed" text={field.before || '(none)'} />{' '}
                <Change kind="added" text={field.now || '(none)'} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div
        role="region"
        aria-label="Changes to the text"
        tabIndex={0}
        className="max-h-[32rem] overflow-auto rounded-lg border border-line bg-surface p-4 font-mono text-sm whitespace-pre-wrap [overflow-wrap:anywhere]"
      >
        {chosen.body.length === 0 ? '(empty)' : chosen.body.map(renderPart)}
      </div>
      {chosen.truncated ? (
        <p className="text-sm text-muted">Only the beginning of a very long text is compared.</p>
      ) : null}
      <RestoreButton
        articleId={articleId}
        version={chosen.version}
        baseVersion={articleVersion}
        authorPath={authorPath}
      />
    </section>
  );
}

function renderPart(part: DiffPart, index: number) {
  if (part.kind === 'same') return <span key={index}>{part.text}</span>;
  return <Change key={index} kind={part.kind} text={part.text} />;
}

/** A change, marked by its element and in words for screen readers, not by colour alone. */
function Change({ kind, text }: { kind: 'added' | 'removed'; text: string }) {
  if (kind === 'removed')
    return (
      <del className="bg-danger/15 text-ink decoration-2">
        <span className="sr-only">[removed: </span>
        {text}
        <span className="sr-only">]</span>
      </del>
    );
  return (
    <ins className="bg-accent/15 text-ink decoration-2">
      <span className="sr-only">[added: </span>
      {text}
      <span className="sr-only">]</span>
    </ins>
  );
}
