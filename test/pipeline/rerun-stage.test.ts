// Re-running one day's stage from the instrument page: the form's fields are checked (hostile ones named
// and refused), and each stage becomes the right jobs, with the append stage retrying only that day's files
// that are not appended (read from a real ledger).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../db/schema';
import { parseRerunInput, rerunStage } from '../../lib/pipeline/rerun-stage';
import { seedInstrument } from '../charts/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedInstrument(t.db, { instrumentId: 'met', variables: [{ name: 'T', unit: 'degC' }] });
  const day = (h: number) => new Date(Date.parse('2026-11-18T00:00:00Z') + h * 3600_000);
  await t.db.insert(files).values([
    { instrumentId: 'met', relativePath: 'a.dat', basename: 'a.dat', size: 1, mtime: day(30), state: 'appended', dataStart: day(1) },
    { instrumentId: 'met', relativePath: 'b.dat', basename: 'b.dat', size: 1, mtime: day(30), state: 'quarantined', dataStart: day(2) },
    { instrumentId: 'met', relativePath: 'c.dat', basename: 'c.dat', size: 1, mtime: day(5), state: 'fetched' },
    { instrumentId: 'met', relativePath: 'd.dat', basename: 'd.dat', size: 1, mtime: day(5), state: 'failed', dataStart: day(25) },
    { instrumentId: 'met', relativePath: 'e.dat', basename: 'e.dat', size: 1, mtime: day(5), state: 'discovered' },
  ]);
});

afterAll(async () => t?.drop());

function recorder() {
  const sent: { queue: string; payload: unknown }[] = [];
  return { sent, send: async (queue: { name: string; payload: { parse(v: unknown): unknown } }, payload: unknown) => void sent.push({ queue: queue.name, payload: queue.payload.parse(payload) }) };
}

describe('rerunStage', () => {
  it('sends one source-sync or quicklooks job for the day', async () => {
    const { sent, send } = recorder();
    expect(await rerunStage(t.db, send, 'met', '2026-11-18', 'sync')).toEqual({ jobs: 1 });
    expect(await rerunStage(t.db, send, 'met', '2026-11-18', 'quicklook')).toEqual({ jobs: 1 });
    expect(sent).toEqual([
      { queue: 'source-sync', payload: { instrumentId: 'met', day: '2026-11-18' } },
      { queue: 'quicklooks', payload: { instrumentId: 'met', day: '2026-11-18' } },
    ]);
  });

  it('sends one append job per fetched, failed or quarantined file of that day only', async () => {
    const { sent, send } = recorder();
    const result = await rerunStage(t.db, send, 'met', '2026-11-18', 'append');
    expect(result.jobs).toBe(2);
    expect(sent.map((s) => s.queue)).toEqual(['append', 'append']);
    const ids = await t.db.select({ id: files.id, path: files.relativePath }).from(files);
    const idOf = (p: string) => ids.find((r) => r.path === p)!.id;
    expect(sent.map((s) => s.payload)).toEqual([{ fileId: idOf('b.dat') }, { fileId: idOf('c.dat') }]);
    expect((await rerunStage(t.db, send, 'met', '2026-11-19', 'append')).jobs).toBe(1);
    expect((await rerunStage(t.db, send, 'met', '2026-11-01', 'append')).jobs).toBe(0);
  });
});

describe('parseRerunInput', () => {
  it('accepts a well-formed request', () => {
    expect(parseRerunInput({ instrumentId: 'met', day: '2026-11-18', stage: 'append' })).toEqual({ ok: true, value: { instrumentId: 'met', day: '2026-11-18', stage: 'append' } });
  });

  it.each([
    [{ day: '2026-11-18', stage: 'sync' }, /^instrumentId:/],
    [{ instrumentId: '', day: '2026-11-18', stage: 'sync' }, /^instrumentId: required/],
    [{ instrumentId: 'x'.repeat(201), day: '2026-11-18', stage: 'sync' }, /^instrumentId: too long/],
    [{ instrumentId: 'met\u0000', day: '2026-11-18', stage: 'sync' }, /^instrumentId: control/],
    [{ instrumentId: 'met', stage: 'sync' }, /^day:/],
    [{ instrumentId: 'met', day: '2026-11-1', stage: 'sync' }, /^day: expected/],
    [{ instrumentId: 'met', day: '2026-02-30', stage: 'sync' }, /^day: not a calendar day/],
    [{ instrumentId: 'met', day: '2026-13-45', stage: 'sync' }, /^day: not a calendar day/],
    [{ instrumentId: 'met', day: "2026-11-18'; DROP TABLE files;--", stage: 'sync' }, /^day: expected/],
    [{ instrumentId: 'met', day: '2026-11-18', stage: 'rm -rf' }, /^stage:/],
    [{ instrumentId: 'met', day: '2026-11-18' }, /^stage:/],
  ])('refuses %j naming the field', (fields, message) => {
    const parsed = parseRerunInput(fields);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });
});
