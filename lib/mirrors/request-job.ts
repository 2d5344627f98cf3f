// "Sync now" and "verify now" from the portal: the web server only sends jobs (workers create the queues and
// work them).
import 'server-only';
import { queues } from '../../workers/queues';
import { sendJob } from '../web/job-sender';

export type MirrorJobKind = 'sync' | 'verify';

/**
 * Queues a mirror-sync or mirror-verify of one mirror. Null when one is already waiting for that mirror
 * (the queues are stately per mirror: a second press does not pile up work).
 */
export function requestMirrorJob(kind: MirrorJobKind, mirrorId: string): Promise<string | null> {
  return sendJob(kind === 'sync' ? queues.mirrorSync : queues.mirrorVerify, { mirrorId }, { singletonKey: mirrorId });
}
