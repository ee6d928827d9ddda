import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
}

const inputClasses =
  'w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink placeholder:text-muted focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/40';

/** Label, control, hint and error; the control is described by the hint and the error. */
function Field({
  label,
  error,
  hint,
  id,
  className,
  control,
}: FieldProps & {
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
  const described = [hint ? `${fieldId}-hint` : '', error ? `${fieldId}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={fieldId} className="block text-sm font-medium">
        {label}
      </label>
      {control({
        id: fieldId,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described || undefined,
        className: `${inputClasses} ${error ? 'border-danger' : 'border-line'}`,
      })}
      {hint ? (
        <p id={`${fieldId}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${fieldId}-error`} className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose error sits next to it and is announced with it. */
export function TextField({
  label,
  error,
  hint,
  id,
  className = '',
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field
      {...{ label, error, hint, id, className }}
      control={(props) => <input {...input} {...props} />}
    />
  );
}

export function TextArea({
  label,
  error,
  hint,
  id,
  className = '',
  ...input
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field
      {...{ label, error, hint, id, className }}
      control={(props) => (
        <textarea {...input} {...props} className={`${props.className} min-h-28`} />
      )}
    />
  );
}
