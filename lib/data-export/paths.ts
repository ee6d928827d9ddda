/** Where the owner downloads an export (signed in as themselves; anyone else gets 404). */
export function dataExportPath(exportId: string): string {
  return `/settings/data-export/${exportId}`;
}
