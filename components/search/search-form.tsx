import { buttonClasses } from '@/components/ui/button';
import type { SearchQuery } from '@/lib/search/schemas';
import type { FieldErrors } from '@/lib/validation/result';

const fieldClasses =
  'w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/40';

function Filter({
  name,
  label,
  type = 'text',
  value,
  error,
}: {
  name: string;
  label: string;
  type?: 'text' | 'date';
  value?: string;
  error?: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={`search-${name}`} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={`search-${name}`}
        name={name}
        type={type}
        defaultValue={value ?? ''}
        className={fieldClasses}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `search-${name}-error` : undefined}
      />
      {error ? (
        <p id={`search-${name}-error`} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The page's own form: a plain GET to /search, so it works without JavaScript. */
export function SearchForm({
  query,
  errors = {},
}: {
  query: Partial<SearchQuery>;
  errors?: FieldErrors;
}) {
  return (
    <form action="/search" method="get" className="space-y-3" aria-label="Search and filters">
      <div className="flex gap-2">
        <div className="flex-1">
          <label htmlFor="search-q" className="sr-only">
            Search for
          </label>
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ''}
            placeholder="Articles, people, tags"
            className={fieldClasses}
            aria-invalid={errors.q ? true : undefined}
          />
        </div>
        <button type="submit" className={buttonClasses('primary')}>
          Search
        </button>
      </div>
      {errors.q ? <p className="text-sm text-danger">{errors.q}</p> : null}
      <fieldset className="grid gap-3 sm:grid-cols-4">
        <legend className="mb-1 text-sm text-muted">Filter articles</legend>
        <Filter name="tag" label="Tag" value={query.tag} error={errors.tag} />
        <Filter name="author" label="Author" value={query.author} error={errors.author} />
        <Filter name="from" label="From" type="date" value={query.from} error={errors.from} />
        <Filter name="to" label="To" type="date" value={query.to} error={errors.to} />
      </fieldset>
    </form>
  );
}
