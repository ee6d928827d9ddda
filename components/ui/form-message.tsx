/** A form-level message: errors are announced at once, successes politely. */
export function FormMessage({
  tone,
  children,
}: {
  tone: 'error' | 'success';
  children: React.ReactNode;
}) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-lg border px-4 py-3 text-sm font-medium ${
        tone === 'error' ? 'border-danger text-danger' : 'border-success text-success'
      }`}
    >
      {children}
    </div>
  );
}
