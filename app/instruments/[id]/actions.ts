'use server';
// Operators re-run one day's stage from the pipeline grid. Validated, role-checked (same-origin post from
// an operator), audited, then handed to the workers through pg-boss.
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getChartInstrument } from '@/db/queries/chart-series';
import { recordAudit } from '@/lib/auth/audit';
import { requireActionUser } from '@/lib/auth/session';
import { sendJob } from '@/lib/web/job-sender';
import { parseRerunInput, rerunStage } from '@/lib/pipeline/rerun-stage';

export interface RerunState {
  message: string | null;
  error: string | null;
}

export async function rerunStageAction(_previous: RerunState, form: FormData): Promise<RerunState> {
  const { user, address } = await requireActionUser('operator');
  const parsed = parseRerunInput({ instrumentId: form.get('instrumentId') ?? undefined, day: form.get('day') ?? undefined, stage: form.get('stage') ?? undefined });
  if (!parsed.ok) return { message: null, error: parsed.message };
  const { instrumentId, day, stage } = parsed.value;
  const db = getDb();
  if (!(await getChartInstrument(db, instrumentId))) return { message: null, error: `instrument: ${instrumentId} not found` };
  const { jobs } = await rerunStage(db, (queue, payload) => sendJob(queue, payload), instrumentId, day, stage);
  await recordAudit({ actor: user.email, action: 'pipeline.rerun', target: `${instrumentId}/${day}/${stage}`, address, details: { jobs } });
  revalidatePath(`/instruments/${instrumentId}`);
  return { message: jobs === 0 ? `nothing to re-run for ${stage} on ${day}` : `queued ${jobs} ${stage} job${jobs === 1 ? '' : 's'} for ${day}`, error: null };
}
