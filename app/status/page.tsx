import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { getHealth } from '@/lib/health/get-health';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Service status',
  description: 'Whether Inkwell is working right now.',
};

/**
 * "Service status" for people: whether Inkwell works right now, in words. Machines (monitoring,
 * probes) read the same answer as JSON at /api/health; like it, this tells the public only the
 * status, never which part is down.
 */
export default async function StatusPage() {
  const { status } = await getHealth();
  const ok = status === 'ok';
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="font-serif text-3xl font-bold">Service status</h1>
      <Card className="space-y-2">
        <p role="status" className={`text-xl font-semibold ${ok ? 'text-success' : 'text-danger'}`}>
          {ok ? 'Inkwell is working normally.' : 'Inkwell is having trouble right now.'}
        </p>
        <p className="text-muted">
          {ok
            ? 'Reading, writing and signing in all work.'
            : 'Some pages may be slow or fail to load, and changes may not save. We are on it: please try again in a few minutes.'}
        </p>
        <p className="text-sm text-muted">
          Checked <RelativeTime iso={new Date().toISOString()} />.
        </p>
      </Card>
      <p className="text-sm text-muted">
        For monitoring tools: the same status as JSON at{' '}
        <a href="/api/health" className="text-accent underline">
          /api/health
        </a>
        .
      </p>
    </div>
  );
}
