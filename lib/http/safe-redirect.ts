/** Only paths on this site: "/x" yes; "//evil.example", "https://…", "/\\evil" no. */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.includes('\\')
  ) {
    return fallback;
  }
  return value.slice(0, 512);
}
