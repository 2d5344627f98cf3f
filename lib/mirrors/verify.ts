// mirror-verify: the proof that every file is on every mirror. Lists both sides of a hop in full, compares
// them (plan.ts) and stores an audit with one item per file missing on either side or differing. An audit
// that could not look everywhere (target unreachable, a folder it may not read) is `failed` with the reason,
// never an empty "all good": the report must not vouch for files nobody looked at.
import type { Database } from '../../db/client';
import { addMirrorAuditDays, addMirrorAuditItems, finishMirrorAudit, startMirrorAudit, type AuditItemInput, type AuditTotals } from '../../db/queries/mirrors';
import type { SourceListing } from '../sources/types';
import { contentsDiffer } from './copy';
import { tallyCoverage } from './coverage';
import { basenameOf, instrumentOf, selectGroups } from './groups';
import type { Hop } from './hops';
import { withHopListing } from './hop-listing';
import { openTree } from './open-tree';
import { compareTrees, mtimeWindow, type Finding } from './plan';
import type { MirrorTree, TreeSpec } from './tree';
import { dayOf, defaultVerifyWindow, windowBounds, type DayWindow } from './window';

export interface VerifyOptions {
  db: Database;
  hop: Hop;
  now?: Date;
  /** Days to report on (inclusive); default this month and last month. */
  window?: DayWindow;
  openTree?: (spec: TreeSpec) => MirrorTree;
}

export interface HopVerification {
  hop: Hop;
  auditId: number;
  window: DayWindow;
  totals: AuditTotals;
}

export async function verifyHop(options: VerifyOptions): Promise<HopVerification> {
  const { db, hop } = options;
  const window = options.window ?? defaultVerifyWindow(options.now ?? new Date());
  const auditId = await startMirrorAudit(db, { mirrorId: hop.mirror.id, windowStart: window.start, windowEnd: window.end });
  let totals: AuditTotals;
  try {
    const selection = selectGroups(hop.mirror.include, hop.groups);
    totals = await withHopListing(hop, selection, options.openTree ?? openTree, async ({ source, target, fromSource, onTarget, sourceFiles, targetFiles }) => {
      const problems = [...listingProblems(source, fromSource), ...listingProblems(target, onTarget)];
      const { fromMs, toMs } = windowBounds(window);
      const inWindow = mtimeWindow(fromMs, toMs);
      const comparison = compareTrees(sourceFiles, targetFiles, hop.mirror.compareBy, inWindow);
      for (const pair of comparison.toHash) {
        try {
          if (await contentsDiffer(source, pair.source, target, pair.target)) comparison.findings.push({ status: 'differs', entry: pair.source, other: pair.target });
        } catch (error) {
          problems.push(`cannot compare ${pair.source.relativePath}: ${(error as Error).message}`);
        }
      }
      await addMirrorAuditItems(db, auditId, comparison.findings.map(auditItem));
      await addMirrorAuditDays(db, auditId, tallyCoverage(sourceFiles, comparison.findings, inWindow));
      const count = (status: Finding['status']) => comparison.findings.filter((f) => f.status === status).length;
      return {
        outcome: problems.length > 0 ? 'failed' : comparison.findings.length > 0 ? 'missing' : 'ok',
        error: problems.length > 0 ? summarize(problems) : null,
        missingOnTarget: count('missing_on_target'), missingOnSource: count('missing_on_source'), differs: count('differs'),
        sourceCount: comparison.sourceCount, targetCount: comparison.targetCount,
      };
    });
  } catch (error) {
    // Unreachable, not mounted, key refused: stored as what it is, for the report to say so.
    totals = { outcome: 'failed', error: (error as Error).message, missingOnTarget: 0, missingOnSource: 0, differs: 0, sourceCount: 0, targetCount: 0 };
  }
  await finishMirrorAudit(db, auditId, totals);
  return { hop, auditId, window, totals };
}

/** Folders that could not be read and names that could not be used: places the audit did not see. */
function listingProblems(tree: MirrorTree, listing: SourceListing): string[] {
  return listing.skipped
    .filter((s) => s.kind === 'unreadable' || s.kind === 'unsafe-name')
    .map((s) => `${s.kind === 'unreadable' ? 'cannot read' : 'cannot use the name'} ${s.relativePath} on ${tree.description}: ${s.reason}`);
}

function summarize(problems: string[]): string {
  return problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
}

function auditItem(f: Finding): AuditItemInput {
  const onSource = f.status !== 'missing_on_source';
  return {
    relativePath: f.entry.relativePath,
    basename: basenameOf(f.entry.relativePath),
    instrument: instrumentOf(f.entry.relativePath),
    day: dayOf(f.entry.mtimeMs),
    status: f.status,
    sourceSize: onSource ? f.entry.size : null,
    targetSize: onSource ? (f.other?.size ?? null) : f.entry.size,
  };
}
