import type { ReactNode } from 'react';

/**
 * Settings few people need (how the site works behind the scenes), folded away under "Advanced"
 * with a plain word of what they are. Open when one of them is on, so it is easy to turn off.
 */
export function AdvancedSettings({ open, children }: { open: boolean; children: ReactNode }) {
  return (
    <details open={open} className="space-y-3 rounded-lg border border-line p-4">
      <summary className="cursor-pointer text-xl font-semibold">Advanced</summary>
      <p className="text-sm text-muted">
        Tools for the curious and for the people who run Inkwell. You don’t need any of them to
        read, write or follow friends.
      </p>
      {children}
    </details>
  );
}
