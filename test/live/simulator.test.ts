// The Campbell logger simulator speaks DataQuery the way the Web API documents it, and its switches work
// in-process and over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { type CampbellLoggerSimulator, ManualClock, startCampbellLoggerSimulator } from '../../lib/simulators/campbell-logger';

const START = Date.UTC(2026, 2, 1, 12);
let sim: CampbellLoggerSimulator;
let clock: ManualClock;
afterEach(async () => {
  await sim?.close();
});

async function start(options = {}) {
  clock = new ManualClock(START);
  sim = await startCampbellLoggerSimulator({ clock, prefillSeconds: 100, ...options });
  return sim;
}

async function query(params: Record<string, string>): Promise<{ head: { signature: number; fields: { name: string }[] };
  data: { no: number; time: string; vals: (number | string)[] }[]; more?: boolean }> {
  const url = new URL(sim.url);
  for (const [k, v] of Object.entries({ command: 'DataQuery', uri: 'dl:Public', format: 'json', ...params })) url.searchParams.set(k, v);
  return (await fetch(url)).json() as never;
}

describe('campbell logger simulator', () => {
  it('answers every DataQuery mode', async () => {
    await start({ maxRecordsPerQuery: 30 });
    const newest = sim.status().newestRecord!;
    expect((await query({ mode: 'most-recent', p1: '3' })).data.map((r) => r.no)).toEqual([newest - 2, newest - 1, newest]);
    const since = await query({ mode: 'since-record', p1: String(newest - 40) });
    expect(since.data.map((r) => r.no)).toHaveLength(30);
    expect(since.more).toBe(true);
    expect((await query({ mode: 'since-record', p1: '1' })).data[0]!.no).toBe(sim.status().oldestRecord);
    const range = await query({ mode: 'date-range', p1: '2026-03-01T11:59:50', p2: '2026-03-01T11:59:55' });
    expect(range.data.map((r) => r.time)).toEqual(['2026-03-01T11:59:50', '2026-03-01T11:59:51', '2026-03-01T11:59:52', '2026-03-01T11:59:53', '2026-03-01T11:59:54']);
    expect((await query({ mode: 'since-time', p1: '2026-03-01T11:59:58' })).data).toHaveLength(3);
    expect((await query({ mode: 'backfill', p1: '5' })).data).toHaveLength(6);
    expect(await query({ mode: 'sometimes' })).toEqual({ outcome: 0, description: "unknown mode 'sometimes'" });
  });

  it('writes TOA5 when asked', async () => {
    await start();
    sim.control({ gpsFix: false });
    clock.advance(1);
    const url = `${sim.url}/?command=DataQuery&uri=dl:Public&format=toa5&mode=most-recent&p1=1`;
    const lines = (await (await fetch(url)).text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^"TOA5","van1-sim","CR1000X","4242",".*","CPU:vehicle_1hz.CR1X","\d+","Public"$/);
    expect(lines[1]).toMatch(/^"TIMESTAMP","RECORD","BattV","WS_ms"/);
    expect(lines[2]).toMatch(/^"TS","RN","Volts","meters\/second"/);
    expect(lines[3]).toMatch(/^"","","Smp"/);
    expect(lines[4]).toMatch(/^"2026-03-01 12:00:01",\d+,.*"NAN","NAN","NAN","NAN"$/);
  });

  it('generates records as its clock moves, with pauses, repeated stamps, program changes and a ring', async () => {
    await start({ ringSize: 50 });
    const before = sim.status();
    clock.advance(10);
    expect(sim.status().newestRecord).toBe(before.newestRecord! + 10);
    expect(sim.status().records).toBe(50);
    sim.control({ paused: true });
    clock.advance(10);
    expect(sim.status().newestRecord).toBe(before.newestRecord! + 10);
    sim.control({ paused: false });
    clock.advance(1);
    sim.control({ repeatTimestamps: 1 });
    clock.advance(2);
    const last = (await query({ mode: 'most-recent', p1: '4' })).data.map((r) => r.time.slice(11));
    expect(last).toEqual(['12:00:10', '12:00:21', '12:00:21', '12:00:23']);
    const changed = sim.control({ programChange: true });
    expect(changed.signature).not.toBe(before.signature);
    clock.advance(1);
    const answer = await query({ mode: 'most-recent', p1: '5' });
    expect(answer.data.map((r) => r.no)).toEqual([0]);
    expect(answer.head.fields.at(-1)!.name).toBe('WS_ms_Max');
  });

  it('takes its switches over HTTP at /_control', async () => {
    await start();
    const post = (body: unknown) => fetch(`${sim.url}/_control`, { method: 'POST', body: JSON.stringify(body) });
    const status = await (await post({ paused: true, http500: 2, advanceSeconds: 5 })).json() as { paused: boolean; faults: { http500: number } };
    expect(status).toMatchObject({ paused: true, faults: { http500: 2 } });
    const bad = await post({ pause: true });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/unrecognized key/i);
    expect((await fetch(`${sim.url}/?command=DataQuery&uri=dl:Public&format=json&mode=most-recent&p1=1`)).status).toBe(500);
  });
});
