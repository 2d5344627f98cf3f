// outbox-send: sends the mail that is due (lib/email/sender.ts). SMTP trouble is recorded on each message
// and retried with backoff by later runs; the job itself only fails when the database does.
import os from 'node:os';
import { sendDueOutbox } from '../../lib/email/sender';
import { createSmtpTransport } from '../../lib/email/transport';
import { getEnv } from '../../lib/env';
import type { queues } from '../queues';
import type { JobHandler } from '../run-job';

export const outboxSend: JobHandler<typeof queues.outboxSend> = async (_payload, { db, log, config, signal }) => {
  const url = getEnv().SMTP_URL;
  const transport = url ? createSmtpTransport(url) : null;
  try {
    const from = config?.alerts.email?.from ?? `fieldops@${os.hostname()}`;
    const summary = await sendDueOutbox({ db, transport, from, signal, log: { warn: (m) => log.warn(m) } });
    if (!transport && summary.waiting > 0) log.warn(`${summary.waiting} message(s) waiting in the outbox: SMTP_URL is not set`);
    return { counts: { ...summary } };
  } finally {
    transport?.close();
  }
};
