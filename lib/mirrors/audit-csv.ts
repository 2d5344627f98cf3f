// An audit's items as CSV for a spreadsheet. Paths come from remote folders and may hold anything a file
// name can: every field is quoted, and one that a spreadsheet would run as a formula is defused with a
// leading apostrophe.
import type { MirrorAuditItem } from '../../db/schema';

export const AUDIT_CSV_HEADER = 'status,relative_path,basename,instrument,day,source_size,target_size\n';

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function auditCsvRow(item: MirrorAuditItem): string {
  return [item.status, item.relativePath, item.basename, item.instrument, item.day, item.sourceSize, item.targetSize].map(csvField).join(',') + '\n';
}
