'use client';

import type { ReactNode } from 'react';
import { FormMessage } from '@/components/ui/form-message';

/**
 * Every form of Inkwell: the browser's own validation is off (the server's messages, next to
 * their fields, are the ones shown), the form's message comes first, then its fields.
 * `onSubmit` gets what was entered and the form (to reset it after a success).
 */
export function Form({
  onSubmit,
  error,
  success,
  className = 'space-y-4',
  children,
}: {
  onSubmit: (data: FormData, form: HTMLFormElement) => unknown;
  error?: string;
  success?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      noValidate
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(new FormData(event.currentTarget), event.currentTarget);
      }}
    >
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
      {success ? <FormMessage tone="success">{success}</FormMessage> : null}
      {children}
    </form>
  );
}

/** A text field's value as entered ('' when the form has no such field). */
export function textOf(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
