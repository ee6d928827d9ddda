/** A unique index refused the write (code 11000, on MongoDB and FerretDB alike). */
export function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}
