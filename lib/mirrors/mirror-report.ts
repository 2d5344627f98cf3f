// The daily report: verify every hop now (so the mail never vouches for a stale audit), read the stored
// audits back (the report shows exactly what was stored), and queue the email in the outbox with the full
// lists as a CSV attachment. `fieldops mirror verify` prints the same text.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client';
import { getMirrorAudit, queueEmail } from '../../db/queries/mirrors';
import type { FieldopsConfig } from '../config/schema';
import { mirrorHops } from './hops';
import { renderReportCsv, renderReportText, reportSubject, type HopReport } from './report';
import type { MirrorTree, TreeSpec } from './tree';
import { verifyHop, type HopVerification } from './verify';
import { dayOf, defaultVerifyWindow, type DayWindow } from './window';

/** Paths per list in the email body; the attachment has every one. */
const EMAIL_PATHS_PER_LIST = 200;

export interface MirrorReportOptions {
  db: Database;
  config: FieldopsConfig;
  dataDir: string;
  now?: Date;
  mirrorId?: string;
  window?: DayWindow;
  openTree?: (spec: TreeSpec) => MirrorTree;
  /** Called before each hop is verified (the CLI shows where it is). */
  onHop?: (mirrorId: string) => void;
}

export interface MirrorReport {
  window: DayWindow;
  hops: HopReport[];
  verifications: HopVerification[];
}

export async function runMirrorReport(options: MirrorReportOptions): Promise<MirrorReport> {
  const now = options.now ?? new Date();
  const window = options.window ?? defaultVerifyWindow(now);
  const verifications: HopVerification[] = [];
  const hops: HopReport[] = [];
  for (const hop of mirrorHops(options.config, options.dataDir, options.mirrorId)) {
    options.onHop?.(hop.mirror.id);
    const verification = await verifyHop({ db: options.db, hop, now, window, openTree: options.openTree });
    verifications.push(verification);
    const stored = await getMirrorAudit(options.db, verification.auditId);
    if (!stored) throw new Error(`mirror audit ${verification.auditId} vanished before its report was written`);
    hops.push({ mirrorId: hop.mirror.id, compareBy: hop.mirror.compareBy, sourceLocation: hop.source.spec.path, targetLocation: hop.target.spec.path, ...stored });
  }
  return { window, hops, verifications };
}

export function reportText(config: FieldopsConfig, report: MirrorReport, maxPathsPerList?: number): string {
  return renderReportText(report.hops, { campaign: config.campaign.name, window: report.window, maxPathsPerList });
}

export interface EmailedReport {
  report: MirrorReport;
  /** False when today's report was already queued (a retried job), or no report is configured. */
  queued: boolean;
  csvPath: string | null;
}

/** reports.mirrorVerify: verify, write the CSV under <data>/reports/, queue the email (once per day). */
export async function emailMirrorReport(options: MirrorReportOptions): Promise<EmailedReport | null> {
  const settings = options.config.reports.mirrorVerify;
  if (!settings) return null;
  const now = options.now ?? new Date();
  const report = await runMirrorReport({ ...options, now });
  const day = dayOf(now.getTime());
  // The outbox sender reads attachments from disk at send time, so each run writes its own file (a retried
  // job must not change the attachment of a mail already queued); it stays as the day's record.
  const csvPath = path.join(options.dataDir, 'reports', `mirror-verify-${day}-${report.verifications[0]?.auditId ?? 'none'}.csv`);
  await fs.promises.mkdir(path.dirname(csvPath), { recursive: true });
  await fs.promises.writeFile(csvPath, renderReportCsv(report.hops));
  const queued = await queueEmail(options.db, {
    kind: 'report',
    toAddresses: settings.to,
    subject: reportSubject(report.hops, options.config.campaign.name),
    textBody: reportText(options.config, report, EMAIL_PATHS_PER_LIST),
    attachments: [{ filename: path.basename(csvPath), contentType: 'text/csv', path: csvPath }],
    dedupeKey: `report:mirror-verify:${day}`,
  });
  if (!queued) await fs.promises.rm(csvPath, { force: true });
  return { report, queued, csvPath: queued ? csvPath : null };
}
