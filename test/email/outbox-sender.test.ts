// The outbox on its own: dedupe on enqueue, the retry schedule, giving up, waiting for SMTP_URL, reclaiming a
// message whose sender died mid-send, and two senders never sending one message twice.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueOutbox } from '../../db/queries/outbox';
import { nextAttemptAt, sendDueOutbox, type RetryPolicy } from '../../lib/email/sender';
import { createSmtpTransport, type MailEnvelope, type MailTransport } from '../../lib/email/transport';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { SmtpTestServer } from './smtp-test-server';

let t: TestDatabase;
let smtp: SmtpTestServer;
const T0 = Date.parse('2026-03-01T12:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

const failing = (): MailTransport => ({ send: async () => { throw new Error('421 try later'); }, close() {} });
const recording = (sent: MailEnvelope[], delayMs = 0): MailTransport => ({
  send: async (m) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    sent.push(m);
  },
  close() {},
});

async function rows() {
  return (await t.db.execute<{ id: number; state: string; attempts: number; next_attempt_at: Date; last_error: string | null }>(
    sql`SELECT id, state, attempts, next_attempt_at, last_error FROM outbox ORDER BY id`)).rows;
}

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await SmtpTestServer.start();
});

afterAll(async () => {
  await smtp?.stop();
  await t?.drop();
});

beforeEach(async () => {
  smtp.received.length = 0;
  await t.db.execute(sql`TRUNCATE outbox RESTART IDENTITY`);
});

describe('outbox', () => {
  it('stores a message with a dedupe key once', async () => {
    const draft = { kind: 'test', to: ['a@example.org'], subject: 's', text: 'x', dedupeKey: 'k', notBefore: at(0) };
    expect(await enqueueOutbox(t.db, draft)).toBe(1);
    expect(await enqueueOutbox(t.db, draft)).toBeNull();
    expect(await rows()).toHaveLength(1);
  });

  it('backs off exponentially up to a cap, then gives up and marks the message failed', async () => {
    const policy: RetryPolicy = { baseDelaySeconds: 30, maxDelaySeconds: 100, maxAttempts: 4 };
    expect([1, 2, 3].map((n) => (nextAttemptAt(at(0), n, policy)!.getTime() - T0) / 1000)).toEqual([30, 60, 100]);
    expect(nextAttemptAt(at(0), 4, policy)).toBeNull();
    await enqueueOutbox(t.db, { kind: 'test', to: ['a@example.org'], subject: 's', text: 'x', notBefore: at(0) });
    let now = 0;
    for (const expected of [{ state: 'pending', attempts: 1 }, { state: 'pending', attempts: 2 }, { state: 'pending', attempts: 3 }, { state: 'failed', attempts: 4 }]) {
      await sendDueOutbox({ db: t.db, transport: failing(), from: 'f@example.org', now: () => at(now), retry: policy });
      expect((await rows())[0]).toMatchObject({ ...expected, last_error: '421 try later' });
      now += 100;
    }
  });

  it('waits without counting attempts while no SMTP server is configured, then sends through a real one', async () => {
    await enqueueOutbox(t.db, { kind: 'test', to: ['a@example.org', 'b@example.org'], subject: 'Hello ops', text: 'body line', notBefore: at(0) });
    expect(await sendDueOutbox({ db: t.db, transport: null, from: 'f@example.org', now: () => at(0) })).toMatchObject({ waiting: 1, sent: 0 });
    expect((await rows())[0]).toMatchObject({ state: 'pending', attempts: 0, last_error: expect.stringContaining('SMTP_URL is not set') });
    const transport = createSmtpTransport(smtp.url, { timeoutMs: 5000 });
    expect(await sendDueOutbox({ db: t.db, transport, from: 'f@example.org', now: () => at(60) })).toMatchObject({ sent: 1 });
    transport.close();
    expect(smtp.received).toEqual([expect.objectContaining({ from: 'f@example.org', to: ['a@example.org', 'b@example.org'], subject: 'Hello ops' })]);
    expect(smtp.received[0]!.text).toContain('body line');
    expect((await rows())[0]).toMatchObject({ state: 'sent', attempts: 1, last_error: null });
  });

  it('takes back a message stuck in sending after its sender died, and two senders never send one message twice', async () => {
    for (let i = 0; i < 6; i += 1) await enqueueOutbox(t.db, { kind: 'test', to: ['a@example.org'], subject: `m${i}`, text: 'x', notBefore: at(0) });
    await t.db.execute(sql`UPDATE outbox SET state = 'sending', next_attempt_at = ${at(0).toISOString()} WHERE id = 1`);
    const sent: MailEnvelope[] = [];
    await Promise.all([1, 2].map(() => sendDueOutbox({ db: t.db, transport: recording(sent, 20), from: 'f@example.org', now: () => at(30), batchSize: 3 })));
    expect(sent.map((m) => m.subject).sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    await sendDueOutbox({ db: t.db, transport: recording(sent), from: 'f@example.org', now: () => at(700) });
    expect(sent.map((m) => m.subject).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
  });
});
