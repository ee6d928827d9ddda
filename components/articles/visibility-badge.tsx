import type { Visibility } from '@/lib/articles/visibility';

const LABELS: Record<Visibility, string | null> = {
  public: null,
  friends: 'Friends only',
  unlisted: 'Unlisted',
};

/** Tells readers an article is not public: friends-only, or only for those with the link. */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const label = LABELS[visibility];
  return label ? (
    <p className="inline-block rounded-full border border-line px-3 py-1 text-sm">{label}</p>
  ) : null;
}
