'use client';

import {
  useCallback,
  useId,
  useState,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';
import { CharacterCount, overLimitMessage } from './character-count';

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  /**
   * The most characters the field takes: a counter shows it, and more is refused with a message
   * naming it (never cut off silently, as `maxLength` would cut a paste).
   */
  limit?: number;
}

const inputClasses =
  'w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink placeholder:text-muted focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/40';

/** Label, control, hint, counter and error; the control is described by all of them. */
function Field({
  label,
  error,
  hint,
  limit,
  length,
  id,
  className,
  control,
}: FieldProps & {
  length: number;
  id?: string;
  className: string;
  control: (props: {
    id: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
    className: string;
  }) => ReactNode;
}) {
  const generated = useId();
  const fieldId = id ?? generated;
  // The server's message wins; otherwise going over the limit says so at once.
  const shown = error ?? (limit !== undefined ? overLimitMessage(length, limit) : undefined);
  const described = [
    hint ? `${fieldId}-hint` : '',
    limit !== undefined ? `${fieldId}-count` : '',
    shown ? `${fieldId}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={fieldId} className="block text-sm font-medium">
        {label}
      </label>
      {control({
        id: fieldId,
        'aria-invalid': shown ? true : undefined,
        'aria-describedby': described || undefined,
        className: `${inputClasses} ${shown ? 'border-danger' : 'border-line'}`,
      })}
      {hint ? (
        <p id={`${fieldId}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {limit !== undefined ? (
        <CharacterCount id={`${fieldId}-count`} length={length} limit={limit} />
      ) : null}
      {shown ? (
        <p id={`${fieldId}-error`} className="text-sm font-medium text-danger">
          {shown}
        </p>
      ) : null}
    </div>
  );
}

/** How long the text is now: the controlled value's, or what was typed into an uncontrolled one. */
function useLength(
  value: unknown,
  defaultValue: unknown,
  onChange: ((event: ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => void) | undefined,
) {
  const [typed, setTyped] = useState(() => String(defaultValue ?? '').length);
  const length = value === undefined ? typed : String(value).length;
  const handle = (event: ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => {
    setTyped(event.target.value.length);
    onChange?.(event);
  };
  // A form reset (after posting a comment) changes the text without a change event.
  const ref = useCallback((element: HTMLInputElement | HTMLTextAreaElement | null) => {
    const form = element?.form;
    if (!element || !form) return;
    const onReset = () => setTimeout(() => setTyped(element.value.length), 0);
    form.addEventListener('reset', onReset);
    return () => form.removeEventListener('reset', onReset);
  }, []);
  return { length, onChange: handle, ref };
}

/** A labelled input whose error sits next to it and is announced with it. */
export function TextField({
  label,
  error,
  hint,
  limit,
  id,
  className = '',
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const { length, onChange, ref } = useLength(input.value, input.defaultValue, input.onChange);
  return (
    <Field
      {...{ label, error, hint, limit, length, id, className }}
      control={(props) => <input {...input} ref={ref} onChange={onChange} {...props} />}
    />
  );
}

export function TextArea({
  label,
  error,
  hint,
  limit,
  id,
  className = '',
  ...input
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { length, onChange, ref } = useLength(input.value, input.defaultValue, input.onChange);
  return (
    <Field
      {...{ label, error, hint, limit, length, id, className }}
      control={(props) => (
        <textarea
          {...input}
          ref={ref}
          onChange={onChange}
          {...props}
          className={`${props.className} min-h-28`}
        />
      )}
    />
  );
}
