// The DataQuery client: what a real CR6 answer looks like once parsed, logger clock zones, and every way a
// request can fail, each with a message an operator can act on.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataQueryClient, dataQueryUrl, LoggerHttpError, LoggerUnreachableError } from '../../lib/live/dataquery-client';
import { DataQueryCommandError, DataQueryFormatError, parseDataQueryAnswer } from '../../lib/live/dataquery-response';
import { loggerTimeToUtcMs, utcMsToLoggerTime } from '../../lib/live/logger-time';
import { type CampbellLoggerSimulator, ManualClock, startCampbellLoggerSimulator } from '../../lib/simulators/campbell-logger';

const SAMPLE = path.resolve(__dirname, '../../../shared/samples/campbell-dataquery/usace_cr6_dataquery_like.json');

describe.runIf(fs.existsSync(SAMPLE))('a DataQuery answer stored from a real CR6 (shared samples)', () => {
  it('parses head, units, record numbers and times', () => {
    const answer = parseDataQueryAnswer(JSON.parse(fs.readFileSync(SAMPLE, 'utf8')), 'UTC', 'sample');
    expect(answer.head).toEqual({ signature: '20883', tableName: 'Test',
      fields: [{ name: 'batt_volt_Min', units: 'Volts', process: 'Min' }, { name: 'PanelT', units: 'Deg_C', process: 'Smp' }] });
    expect(answer.records).toEqual([
      { no: 158, timeMs: Date.UTC(2023, 1, 16, 18, 53, 0), values: [12.13, 22.37] },
      { no: 158, timeMs: Date.UTC(2023, 1, 16, 18, 52, 55), values: [12.25, 20.32] },
    ]);
    expect(answer.more).toBe(false);
  });
});
if (!fs.existsSync(SAMPLE)) console.log(`skipped the DataQuery sample test: ${SAMPLE} not found (../shared/samples is not here)`);

describe('DataQuery answers', () => {
  it('reads NAN and missing units, and says which record is malformed', () => {
    const head = { signature: 7, fields: [{ name: 'a' }, { name: 'b', units: 'm' }] };
    const ok = parseDataQueryAnswer({ head, data: [{ time: '2026-03-01T00:00:00.5', no: 1, vals: ['NAN', 2] }], more: true }, 'UTC', 'x');
    expect(ok.records[0]).toEqual({ no: 1, timeMs: Date.UTC(2026, 2, 1) + 500, values: [null, 2] });
    expect(ok.head.fields[0]!.units).toBeNull();
    expect(ok.more).toBe(true);
    expect(() => parseDataQueryAnswer({ head, data: [{ time: '2026-03-01T00:00:00', no: 4, vals: [1] }] }, 'UTC', 'x'))
      .toThrow(new DataQueryFormatError('x: record 4 has 1 values for 2 fields'));
    expect(() => parseDataQueryAnswer({ head: { fields: [] } }, 'UTC', 'x')).toThrow(/unexpected DataQuery answer at head.signature/);
  });

  it('turns a failed command answered with HTTP 200 into the logger\'s own words', () => {
    expect(() => parseDataQueryAnswer({ outcome: 0, description: 'The table does not exist' }, 'UTC', 'van1'))
      .toThrow(new DataQueryCommandError('van1: the logger refused the command: The table does not exist'));
  });

  it('converts logger wall time in its zone to UTC and back', () => {
    const utc = loggerTimeToUtcMs('2026-07-01T12:00:00', 'Europe/Berlin');
    expect(utc).toBe(Date.UTC(2026, 6, 1, 10));
    expect(utcMsToLoggerTime(utc!, 'Europe/Berlin')).toBe('2026-07-01T12:00:00');
    expect(loggerTimeToUtcMs('2026-01-15 08:30:00', 'America/Denver')).toBe(Date.UTC(2026, 0, 15, 15, 30));
    expect(loggerTimeToUtcMs('yesterday', 'UTC')).toBeNull();
  });

  it('builds the Web API URL', () => {
    const logger = { url: 'http://192.168.4.6', table: 'Public', timezone: 'UTC' };
    expect(dataQueryUrl(logger, { mode: 'since-record', recordNo: 42 }))
      .toBe('http://192.168.4.6/?command=DataQuery&uri=dl%3APublic&format=json&mode=since-record&p1=42');
    expect(dataQueryUrl(logger, { mode: 'date-range', fromMs: Date.UTC(2026, 2, 1), toMs: Date.UTC(2026, 2, 1, 0, 1) }))
      .toMatch(/mode=date-range&p1=2026-03-01T00%3A00%3A00&p2=2026-03-01T00%3A01%3A00$/);
  });
});

describe('DataQuery client against the simulator', () => {
  let sim: CampbellLoggerSimulator;
  let locked: CampbellLoggerSimulator;
  beforeAll(async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 1, 12));
    sim = await startCampbellLoggerSimulator({ clock, prefillSeconds: 10 });
    locked = await startCampbellLoggerSimulator({ clock, prefillSeconds: 10, auth: { username: 'ops', password: 's3cret' } });
  });
  afterAll(async () => {
    await sim?.close();
    await locked?.close();
  });
  const client = (s: CampbellLoggerSimulator, extra: Record<string, string> = {}, timeoutMs?: number) =>
    createDataQueryClient({ url: s.url, table: 'Public', timezone: 'UTC', ...extra }, { timeoutMs });

  it('gets records', async () => {
    const answer = await client(sim).query({ mode: 'most-recent', count: 3 });
    expect(answer.records).toHaveLength(3);
    expect(answer.head.fields.map((f) => f.name)).toContain('WS_ms');
  });

  it('explains an unknown table, HTTP 500s, outages, slow answers and missing credentials', async () => {
    await expect(client(sim, { table: 'Nope' }).query({ mode: 'most-recent', count: 1 }))
      .rejects.toThrow(/the logger refused the command: The table 'Nope' does not exist/);
    sim.control({ http500: 1 });
    await expect(client(sim).query({ mode: 'most-recent', count: 1 })).rejects.toThrow(LoggerHttpError);
    sim.control({ outage: true });
    await expect(client(sim).query({ mode: 'most-recent', count: 1 })).rejects.toThrow(LoggerUnreachableError);
    sim.control({ outage: false, slowMs: 500 });
    await expect(client(sim, {}, 100).query({ mode: 'most-recent', count: 1 })).rejects.toThrow(/logger unreachable: no answer within 0.1 s/);
    sim.control({ slowMs: 0 });
    await expect(client(locked).query({ mode: 'most-recent', count: 1 })).rejects.toThrow(/HTTP 401.*logger.username\/password/);
    await expect(client(locked, { username: 'ops', password: 's3cret' }).query({ mode: 'most-recent', count: 1 })).resolves.toBeTruthy();
  });
});
