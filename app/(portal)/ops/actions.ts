'use server';
// Operator control actions of /ops: schedules (pause, resume, run now), instruments (enable, disable) and
// supervised processes (start, stop, restart). Each checks the role and origin, acts through lib/ops/control
// (which writes the audit log) and comes back to /ops with what happened or what was wrong.
import { getDb } from '@/db/client';
import { runControl } from './_lib/run-control';
import { getSendOnlyBoss } from '@/lib/web/job-sender';
import { requestComponentCommand } from '@/lib/ops/control/components';
import { setInstrumentEnabled } from '@/lib/ops/control/instruments';
import { pauseSchedule, resumeSchedule, runScheduleNow } from '@/lib/ops/control/schedules';

const field = (form: FormData, name: string) => String(form.get(name) ?? '').slice(0, 300);

const scheduleRef = (form: FormData) => ({ queue: field(form, 'queue'), key: field(form, 'key') });

export async function pauseScheduleAction(form: FormData): Promise<void> {
  await runControl('/ops', async (who) => {
    const ref = scheduleRef(form);
    await pauseSchedule(getDb(), await getSendOnlyBoss(), ref, who);
    return `paused ${ref.queue}/${ref.key}`;
  });
}

export async function resumeScheduleAction(form: FormData): Promise<void> {
  await runControl('/ops', async (who) => {
    const ref = scheduleRef(form);
    await resumeSchedule(getDb(), await getSendOnlyBoss(), ref, who);
    return `resumed ${ref.queue}/${ref.key}`;
  });
}

export async function runNowAction(form: FormData): Promise<void> {
  await runControl('/ops', async (who) => {
    const ref = scheduleRef(form);
    const jobId = await runScheduleNow(getDb(), await getSendOnlyBoss(), ref, who);
    return `sent ${ref.queue}/${ref.key} (job ${jobId})`;
  });
}

export async function setInstrumentEnabledAction(form: FormData): Promise<void> {
  await runControl('/ops', async (who) => {
    const id = field(form, 'instrumentId');
    const enabled = field(form, 'enabled') === 'true';
    const boss = enabled ? await getSendOnlyBoss().catch(() => null) : null;
    await setInstrumentEnabled(getDb(), boss, id, enabled, who);
    return `${enabled ? 'enabled' : 'disabled'} ${id}`;
  });
}

export async function componentCommandAction(form: FormData): Promise<void> {
  await runControl('/ops', async (who) => {
    const command = await requestComponentCommand(getDb(), { component: field(form, 'component'), host: field(form, 'host'), action: field(form, 'action') }, who);
    return `asked the supervisor on ${command.host} to ${command.action} ${command.component} (command ${command.id})`;
  });
}
