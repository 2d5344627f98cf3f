// Sends what is due in the outbox. A failed attempt is not an error of the job: the message goes back to
// `pending` with an exponentially growing delay (30 s, 1 min, 2 min, … capped at 30 min) and is tried
// again by a later run, for about a day, before it is marked `failed` for an operator to look at. Nothing
// is lost while the SMTP server is down; the outbox simply fills and drains when it comes back.
import type { Database } from '../../db/client';
import { claimDueOutbox, markOutboxAttemptFailed, markOutboxSent, releaseOutboxClaim } from '../../db/queries/outbox';
import type { MailTransport } from './transport';

export interface RetryPolicy {
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelaySeconds: 30, maxDelaySeconds: 1800, maxAttempts: 60 };

/** When to try again after the `attempts`-th failed attempt (1-based), or null to give up. */
export function nextAttemptAt(now: Date, attempts: number, policy: RetryPolicy = DEFAULT_RETRY): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + delay * 1000);
}

export interface SendOptions {
  db: Database;
  /** Null when no SMTP server is configured: messages wait (no attempt counted) until one is. */
  transport: MailTransport | null;
  from: string;
  now?: () => Date;
  retry?: RetryPolicy;
  /** Messages per run; the rest wait for the next run. */
  batchSize?: number;
  signal?: AbortSignal;
  log?: { warn(message: string): void };
}

export interface SendSummary {
  sent: number;
  failed: number;
  gaveUp: number;
  waiting: number;
}

export async function sendDueOutbox(options: SendOptions): Promise<SendSummary> {
  const clock = options.now ?? (() => new Date());
  const policy = options.retry ?? DEFAULT_RETRY;
  const summary: SendSummary = { sent: 0, failed: 0, gaveUp: 0, waiting: 0 };
  const claimed = await claimDueOutbox(options.db, clock(), options.batchSize ?? 50);
  for (const message of claimed) {
    if (options.signal?.aborted || !options.transport) {
      const why = options.transport ? 'sender stopped before sending' : 'SMTP_URL is not set: waiting for a mail server';
      await releaseOutboxClaim(options.db, message.id, new Date(clock().getTime() + policy.baseDelaySeconds * 1000), why);
      summary.waiting += 1;
      continue;
    }
    try {
      await options.transport.send({
        from: options.from, to: message.toAddresses, subject: message.subject, text: message.textBody,
        html: message.htmlBody ?? undefined, headers: { 'X-Fieldops-Outbox-Id': String(message.id) },
        attachments: message.attachments,
      });
      await markOutboxSent(options.db, message.id, clock());
      summary.sent += 1;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const retryAt = nextAttemptAt(clock(), message.attempts + 1, policy);
      await markOutboxAttemptFailed(options.db, message.id, text, retryAt);
      if (retryAt) summary.failed += 1;
      else summary.gaveUp += 1;
      options.log?.warn(`outbox #${message.id} '${message.subject}': ${text}${retryAt ? `; next attempt ${retryAt.toISOString()}` : '; giving up'}`);
    }
  }
  return summary;
}
