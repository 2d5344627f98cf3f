// report-email: the daily mirror report (reports.mirrorVerify). It verifies every hop itself, right before
// writing, so the mail always describes the archive as it is at send time; then queues the email in the
// outbox (the outbox sender delivers it). A failed hop is reported in the mail, not retried here.
import { emailMirrorReport } from '../../lib/mirrors/mirror-report';
import type { queues } from '../queues';
import type { JobHandler } from '../run-job';

export const reportEmail: JobHandler<typeof queues.reportEmail> = async (_payload, { db, log, config, dataDir }) => {
  if (!config || !dataDir) throw new Error('report-email needs config and dataDir in its job context (set by workers/index.ts)');
  const emailed = await emailMirrorReport({ db, config, dataDir });
  if (!emailed) {
    log.info('no reports.mirrorVerify in the config; nothing to send');
    return { counts: { queued: 0 } };
  }
  const outcomes = emailed.report.hops.map((h) => h.audit.outcome);
  const counts = { queued: emailed.queued ? 1 : 0, hops: outcomes.length, failed: outcomes.filter((o) => o === 'failed').length, missing: outcomes.filter((o) => o === 'missing').length };
  log.info(counts, emailed.queued ? 'mirror report queued' : "today's mirror report was already queued");
  return { counts };
};
