import { formatDate } from '@/lib/util/format-date';

const WIDTH = 300;
const HEIGHT = 60;

/** The numbers behind a chart, a click away (a disclosure: closed, it takes one line). */
function ViewsTable({ label, days, views }: { label: string; days: string[]; views: number[] }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-accent underline">
        Views per day as a table
      </summary>
      <div className="mt-2">
        <table className="w-full text-left">
          <caption className="sr-only">{label}</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                Day
              </th>
              <th scope="col" className="py-1 font-medium">
                Views
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((day, index) => (
              <tr key={day} className="border-t border-line">
                <td className="py-1 pr-4">
                  <time dateTime={day}>{formatDate(day)}</time>
                </td>
                <td className="py-1 tabular-nums">{views[index] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * Views per day as an SVG bar chart. It is one image for assistive technology (role="img", named
 * by its <title> and described by its <desc>: the total and the best day), and the numbers behind
 * it are a table one click away, for anyone who wants them exactly.
 */
export function ViewsChart({
  id,
  title,
  days,
  views,
}: {
  /** Unique on the page: the chart's title and description are referenced by id. */
  id: string;
  title: string;
  days: string[];
  views: number[];
}) {
  const total = views.reduce((sum, count) => sum + count, 0);
  const most = Math.max(0, ...views);
  const bestDay = days[views.indexOf(most)] ?? null;
  const label = `Views per day over the last ${days.length} days: ${title}`;
  const description =
    total === 0
      ? `No views in the last ${days.length} days.`
      : `${total} ${total === 1 ? 'view' : 'views'} in the last ${days.length} days; the most, ${most}, on ${formatDate(bestDay)}.`;
  const slot = WIDTH / Math.max(1, days.length);
  return (
    <div className="space-y-1">
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-16 w-full text-accent"
      >
        <title id={`${id}-title`}>{label}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="stroke-line" />
        {views.map((count, index) => {
          const height = most === 0 ? 0 : Math.max(1, (count / most) * (HEIGHT - 4));
          return (
            <rect
              key={days[index]}
              x={index * slot + slot * 0.15}
              y={HEIGHT - height}
              width={slot * 0.7}
              height={height}
              fill="currentColor"
            />
          );
        })}
      </svg>
      {/* The same words as the chart's <desc>, for the eyes: read once, through the image. */}
      <p aria-hidden="true" className="text-sm text-muted">
        {description}
      </p>
      <ViewsTable label={label} days={days} views={views} />
    </div>
  );
}
