'use server';
// Operator actions of /ops/alerts: acknowledge, silence from an alert, end a silence. Audited in lib/ops/control.
import { getDb } from '@/db/client';
import { runControl } from '../_lib/run-control';
import { acknowledgeAlertAs, endSilence, silenceFromAlert } from '@/lib/ops/control/alert-actions';

export async function acknowledgeAlertAction(form: FormData): Promise<void> {
  await runControl('/ops/alerts', async (who) => {
    const id = Number(form.get('alertId'));
    await acknowledgeAlertAs(getDb(), id, who);
    return `acknowledged alert ${id}`;
  });
}

export async function silenceAlertAction(form: FormData): Promise<void> {
  await runControl('/ops/alerts', async (who) => {
    const silence = await silenceFromAlert(getDb(), {
      alertId: Number(form.get('alertId')),
      labelKeys: form.getAll('match').map(String).slice(0, 50),
      duration: String(form.get('duration') ?? '').slice(0, 20),
      reason: String(form.get('reason') ?? '').slice(0, 2000),
    }, who);
    return `silence ${silence.id} until ${silence.endsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  });
}

export async function endSilenceAction(form: FormData): Promise<void> {
  await runControl('/ops/alerts', async (who) => {
    const id = Number(form.get('silenceId'));
    await endSilence(getDb(), id, who);
    return `ended silence ${id}`;
  });
}
