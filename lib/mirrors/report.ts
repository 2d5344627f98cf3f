// The daily mirror report, as text (email body, `fieldops mirror verify`) and CSV (the full lists). Per hop,
// the header the old cron mail had, `FILES ON <source> THAT ARE NOT ON <target>`, then the relative paths or
// `None`. A failed verification never prints `None`: it says that it failed and why.
import type { MirrorAudit, MirrorAuditItem, MirrorAuditItemStatus } from '../../db/schema';
import type { CompareBy } from './plan';
import type { DayWindow } from './window';

export interface HopReport {
  mirrorId: string;
  compareBy: CompareBy;
  /** Where the hop reads and writes: folders or sftp:// URLs, as the operator knows them. */
  sourceLocation: string;
  targetLocation: string;
  audit: MirrorAudit;
  items: MirrorAuditItem[];
}

export interface TextOptions {
  campaign: string;
  window: DayWindow;
  /** Paths printed per list before "… and N more" (the email; the CSV has them all). */
  maxPathsPerList?: number;
}

export function reportSubject(hops: HopReport[], campaign: string): string {
  const failed = hops.filter((h) => h.audit.outcome !== 'ok' && h.audit.outcome !== 'missing');
  const missing = hops.reduce((n, h) => n + h.audit.missingOnTarget + h.audit.missingOnSource + h.audit.differs, 0);
  if (failed.length > 0) return `[fieldops] ${campaign}: mirror verification FAILED for ${failed.map((h) => h.mirrorId).join(', ')}`;
  if (missing > 0) return `[fieldops] ${campaign}: ${missing} file(s) not on every mirror`;
  return `[fieldops] ${campaign}: every file is on every mirror`;
}

export function renderReportText(hops: HopReport[], options: TextOptions): string {
  const out: string[] = [
    `Mirror verification for ${options.campaign}`,
    `Files modified ${options.window.start} to ${options.window.end} (UTC days).`,
  ];
  if (hops.length === 0) out.push('', 'No mirrors are configured.');
  for (const hop of hops) out.push('', ...hopText(hop, options.maxPathsPerList ?? Infinity));
  return `${out.join('\n')}\n`;
}

function hopText(hop: HopReport, maxPaths: number): string[] {
  const { audit } = hop;
  const failed = audit.outcome !== 'ok' && audit.outcome !== 'missing';
  const lines = [
    `== ${hop.mirrorId}: ${hop.sourceLocation} -> ${hop.targetLocation} (compared by ${hop.compareBy})`,
    failed
      ? `VERIFICATION FAILED: ${audit.error ?? 'it did not finish'}`
      : `${audit.missingOnTarget} missing on the target, ${audit.missingOnSource} only on the target` +
        `${hop.compareBy === 'size' || hop.compareBy === 'sha256' ? `, ${audit.differs} differ` : ''}` +
        ` (${audit.sourceCount} file(s) on the source, ${audit.targetCount} on the target)`,
  ];
  const perDay = countsPerInstrumentDay(hop.items);
  if (perDay.length > 0) lines.push('Per instrument and day (missing on target / only on target / differ):', ...perDay);
  const list = (header: string, status: MirrorAuditItemStatus) => {
    const paths = hop.items.filter((i) => i.status === status).map((i) => i.relativePath);
    lines.push('', header);
    if (paths.length === 0) lines.push(failed ? 'Not known: the verification failed (see above).' : 'None');
    else lines.push(...paths.slice(0, maxPaths));
    if (paths.length > maxPaths) lines.push(`… and ${paths.length - maxPaths} more (all of them are in the attached CSV)`);
  };
  list(`FILES ON ${hop.sourceLocation} THAT ARE NOT ON ${hop.targetLocation}`, 'missing_on_target');
  list(`FILES ON ${hop.targetLocation} THAT ARE NOT ON ${hop.sourceLocation}`, 'missing_on_source');
  if (hop.compareBy === 'size' || hop.compareBy === 'sha256') list(`FILES THAT DIFFER BETWEEN ${hop.sourceLocation} AND ${hop.targetLocation}`, 'differs');
  return lines;
}

function countsPerInstrumentDay(items: MirrorAuditItem[]): string[] {
  const counts = new Map<string, [number, number, number]>();
  for (const item of items) {
    const key = `${item.instrument ?? '(other)'}  ${item.day ?? '(no day)'}`;
    const row = counts.get(key) ?? [0, 0, 0];
    row[item.status === 'missing_on_target' ? 0 : item.status === 'missing_on_source' ? 1 : 2] += 1;
    counts.set(key, row);
  }
  const width = Math.max(0, ...[...counts.keys()].map((k) => k.length));
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, [t, s, d]]) => `  ${key.padEnd(width)}  ${t} / ${s} / ${d}`);
}

const CSV_HEADER = ['mirror', 'source', 'target', 'status', 'relative_path', 'basename', 'instrument', 'day', 'source_size', 'target_size', 'note'];

/** Every item of every hop; a failed hop is one row with status verification_failed and the reason. */
export function renderReportCsv(hops: HopReport[]): string {
  const rows: (string | number | null)[][] = [CSV_HEADER];
  for (const hop of hops) {
    const hopCells = [hop.mirrorId, hop.sourceLocation, hop.targetLocation];
    if (hop.audit.outcome !== 'ok' && hop.audit.outcome !== 'missing') {
      rows.push([...hopCells, 'verification_failed', '', '', '', '', '', '', hop.audit.error ?? 'it did not finish']);
    }
    for (const i of hop.items) rows.push([...hopCells, i.status, i.relativePath, i.basename, i.instrument, i.day, i.sourceSize, i.targetSize, '']);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
