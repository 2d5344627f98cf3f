'use server';
// Operators re-run one day's stage from the pipeline grid. Validated, role-checked (same-origin post from
// an operator), audited, then handed to the workers through pg-boss.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getChartInstrument } from '@/db/queries/chart-series';
import { recordAudit } from '@/lib/auth/audit';
import { requireActionUser } from '@/lib/auth/session';
import { sendJob } from '@/lib/pipeline/job-sender';
import { rerunStage, STAGES } from '@/lib/pipeline/rerun-stage';
import { parseDay } from '@/lib/charts/view-state';

export interface RerunState {
  message: string | null;
  error: string | null;
}

const input = z.strictObject({
  instrumentId: z.string().min(1).max(200),
  day: z.string().refine((d) => parseDay(d) !== null, 'day: expected YYYY-MM-DD'),
  stage: z.enum(STAGES, { error: 'stage: sync, append or quicklook' }),
});

export async function rerunStageAction(_previous: RerunState, form: FormData): Promise<RerunState> {
  const { user, address } = await requireActionUser('operator');
  const parsed = input.safeParse({ instrumentId: form.get('instrumentId'), day: form.get('day'), stage: form.get('stage') });
  if (!parsed.success) return { message: null, error: parsed.error.issues[0]?.message ?? 'invalid request' };
  const { instrumentId, day, stage } = parsed.data;
  const db = getDb();
  if (!(await getChartInstrument(db, instrumentId))) return { message: null, error: `instrument: ${instrumentId} not found` };
  const { jobs } = await rerunStage(db, (queue, payload) => sendJob(queue, payload), instrumentId, day, stage);
  await recordAudit({ actor: user.email, action: 'pipeline.rerun', target: `${instrumentId}/${day}/${stage}`, address, details: { jobs } });
  revalidatePath(`/instruments/${instrumentId}`);
  return { message: jobs === 0 ? `nothing to re-run for ${stage} on ${day}` : `queued ${jobs} ${stage} job${jobs === 1 ? '' : 's'} for ${day}`, error: null };
}
