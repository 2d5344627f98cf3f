// Acknowledge, silence from an alert, end a silence, and retry an outbox message, on a real database: each
// changes what it should, is audited, and refuses bad input with a clear error and no change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listActiveSilences, listSilences } from '../../db/queries/alerts';
import { listAuditEntries } from '../../db/queries/audit-log';
import { getAlert, getOutboxMessageState } from '../../db/queries/ops-control';
import type { Alert } from '../../db/schema';
import { ControlInputError } from '../../lib/ops/control/actor';
import { acknowledgeAlertAs, endSilence, parseSilenceDuration, silenceFromAlert } from '../../lib/ops/control/alert-actions';
import { retryOutbox } from '../../lib/ops/control/outbox-actions';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedFailedOutboxMessage, seedFiringAlert } from './fixtures/ops-rows';

const who = { actor: 'op@example.org', address: '10.0.0.7' };
let t: TestDatabase;
let alert: Alert;

beforeAll(async () => {
  t = await createTestDatabase();
  alert = await seedFiringAlert(t.db);
});
afterAll(async () => t?.drop());

describe('alert actions', () => {
  it('acknowledges an alert, audited', async () => {
    await acknowledgeAlertAs(t.db, alert.id, who);
    expect((await getAlert(t.db, alert.id))!.acknowledgedBy).toBe(who.actor);
    const [entry] = await listAuditEntries(t.db, { action: 'alert.acknowledge' });
    expect(entry).toMatchObject({ actor: who.actor, address: '10.0.0.7', details: { alertId: alert.id, state: 'firing' } });
  });

  it('silences a series from its alert: the matcher is a subset of its labels, for the duration, with the reason', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const silence = await silenceFromAlert(t.db, { alertId: alert.id, labelKeys: ['instrument', 'not-a-label'], duration: '4h', reason: 'van in the garage' }, who, now);
    expect(silence.matcher).toEqual({ instrument: 'van1' });
    expect(silence.endsAt.toISOString()).toBe('2026-06-01T16:00:00.000Z');
    expect((await listActiveSilences(t.db, new Date('2026-06-01T13:00:00Z'))).map((s) => s.id)).toEqual([silence.id]);
    const [entry] = await listAuditEntries(t.db, { action: 'silence.create' });
    expect(entry).toMatchObject({ actor: who.actor, details: { silenceId: silence.id, alertId: alert.id, seconds: 14_400, reason: 'van in the garage' } });
  });

  it('ends a silence early, audited', async () => {
    const silence = await silenceFromAlert(t.db, { alertId: alert.id, labelKeys: ['component'], duration: '1d', reason: 'x' }, who);
    await endSilence(t.db, silence.id, who);
    expect((await listActiveSilences(t.db, new Date(Date.now() + 1000))).some((s) => s.id === silence.id)).toBe(false);
    expect((await listAuditEntries(t.db, { action: 'silence.expire' }))[0]).toMatchObject({ target: String(silence.id) });
  });

  it('refuses bad durations, reasons, ids and matchers with a clear error and no change', async () => {
    const before = (await listSilences(t.db)).length;
    for (const duration of ['', '0h', '31d', '4 hours', '-1h', '1e3h', '99999m', '4h; drop table silences']) {
      await expect(silenceFromAlert(t.db, { alertId: alert.id, labelKeys: ['instrument'], duration, reason: 'r' }, who)).rejects.toThrow(/^duration:/);
    }
    expect(() => parseSilenceDuration('30m')).not.toThrow();
    await expect(silenceFromAlert(t.db, { alertId: alert.id, labelKeys: ['instrument'], duration: '1h', reason: '   ' }, who)).rejects.toThrow(/^reason:/);
    await expect(silenceFromAlert(t.db, { alertId: alert.id, labelKeys: ['instrument'], duration: '1h', reason: 'r'.repeat(501) }, who)).rejects.toThrow(/^reason:/);
    // No label picked (or only labels the alert does not have, like a prototype key): it would mute everything.
    await expect(silenceFromAlert(t.db, { alertId: alert.id, labelKeys: [], duration: '1h', reason: 'r' }, who)).rejects.toThrow(/at least one label/);
    await expect(silenceFromAlert(t.db, { alertId: alert.id, labelKeys: ['__proto__', 'constructor'], duration: '1h', reason: 'r' }, who)).rejects.toThrow(/at least one label/);
    for (const id of [0, -1, NaN, 1.5, 2 ** 60, 999_999]) {
      await expect(acknowledgeAlertAs(t.db, id, who)).rejects.toBeInstanceOf(ControlInputError);
      await expect(silenceFromAlert(t.db, { alertId: id, labelKeys: ['instrument'], duration: '1h', reason: 'r' }, who)).rejects.toBeInstanceOf(ControlInputError);
    }
    expect((await listSilences(t.db)).length).toBe(before);
  });
});

describe('outbox retry', () => {
  it('puts a failed message back to pending with its attempts reset, audited; refuses anything else', async () => {
    const id = await seedFailedOutboxMessage(t.db);
    expect((await getOutboxMessageState(t.db, id))!.state).toBe('failed');
    await retryOutbox(t.db, id, who);
    expect((await getOutboxMessageState(t.db, id))!.state).toBe('pending');
    expect((await listAuditEntries(t.db, { action: 'outbox.retry' }))[0]).toMatchObject({ target: String(id), actor: who.actor });
    await expect(retryOutbox(t.db, id, who)).rejects.toThrow(/is pending, not failed/);
    for (const bad of [0, -3, NaN, 999_999]) await expect(retryOutbox(t.db, bad, who)).rejects.toBeInstanceOf(ControlInputError);
  });
});
