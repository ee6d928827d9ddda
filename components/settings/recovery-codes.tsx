'use client';

import { useEffect, useRef } from 'react';

/** Freshly made recovery codes, shown once; focus moves to them so a screen reader reads them. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [codes]);
  return (
    <section
      aria-labelledby="recovery-codes-heading"
      className="space-y-3 rounded-xl border border-line p-4"
    >
      <h3 id="recovery-codes-heading" ref={heading} tabIndex={-1} className="font-semibold">
        Your recovery codes
      </h3>
      <p className="text-sm">
        Each code works once, instead of a passkey after your password. Keep them somewhere safe (a
        password manager, a printout): they are shown only now.
      </p>
      <ol className="grid grid-cols-2 gap-2 font-mono text-sm" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
