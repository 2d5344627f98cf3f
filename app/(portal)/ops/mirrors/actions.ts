'use server';
// Operator actions on a mirror: queue a sync or a verification now. Both are audited, whether or not a job
// was queued (one may already be waiting), and refused to viewers with a 403.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getMirrorById } from '@/db/queries/mirror-status';
import { recordAudit } from '@/lib/auth/audit';
import { requireActionUser } from '@/lib/auth/session';
import { requestMirrorJob } from '@/lib/mirrors/request-job';

const request = z.strictObject({
  mirrorId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'not a mirror id'),
  kind: z.enum(['sync', 'verify']),
  returnTo: z.enum(['list', 'detail']).default('list'),
});

export async function requestMirrorJobAction(formData: FormData): Promise<void> {
  const { user, address } = await requireActionUser('operator');
  const parsed = request.safeParse({ mirrorId: formData.get('mirrorId'), kind: formData.get('kind'), returnTo: formData.get('returnTo') ?? undefined });
  if (!parsed.success) redirect(`/ops/mirrors?error=${encodeURIComponent(`bad request: ${parsed.error.issues[0]?.message ?? 'invalid form'}`)}`);
  const { mirrorId, kind, returnTo } = parsed.data;
  const mirror = await getMirrorById(getDb(), mirrorId);
  if (!mirror || mirror.removedFromConfigAt) redirect(`/ops/mirrors?error=${encodeURIComponent(`no mirror '${mirrorId}' in the config`)}`);
  const jobId = await requestMirrorJob(kind, mirrorId);
  await recordAudit({ actor: user.email, action: `mirror.${kind}`, target: mirrorId, address, details: { jobId, alreadyQueued: jobId === null } });
  const base = returnTo === 'detail' ? `/ops/mirrors/${mirrorId}` : '/ops/mirrors';
  revalidatePath(base);
  redirect(`${base}?requested=${kind}&mirror=${mirrorId}${jobId === null ? '&already=1' : ''}`);
}
