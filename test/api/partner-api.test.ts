// The partner API over real HTTP against the production web server and a real PostgreSQL: every format
// read back equals the database rows; scope, expiry and revocation; bad and hostile parameters; the value
// cap (413), the rate limit (429), files with Range and checksums, and the audit trail.
import crypto from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { NetCDFReader } from 'netcdfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { files } from '../../db/schema';
import { createApiToken, revokeToken } from '../../lib/auth/api-tokens';
import { demoConfig } from '../../lib/config/demo';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ledgerFetchedFile } from '../helpers/ledger';
import { startWebServer, type TestWebServer } from '../helpers/web-server';
import { seedSeries } from './seed-series';

const system = { actor: 'system' };
const DAY0 = new Date('2026-03-01T00:00:00Z');
const VARS = [{ name: 'AirTC', unit: 'degC' }, { name: 'RH', unit: '%' }, { name: 'wind "gust" (3 s)', unit: 'm s-1' }];
const MAX_VALUES = 5000;
const RATE_LIMIT = 40;

let t: TestDatabase;
let web: TestWebServer;
let variableIds: number[];
const tokens: Record<string, string> = {};
let fileId: number;
const fileContent = crypto.randomBytes(70_000);

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, demoConfig('/srv/demo'));
  // asfs reports every 60 s: two days, with two hours missing on the first morning.
  variableIds = await seedSeries(t.db, { instrumentId: 'asfs', stream: 'Public', variables: VARS, start: DAY0, stepMs: 60_000, count: 2880, gap: [360, 480] });
  await seedSeries(t.db, { instrumentId: 'cl61', stream: 'monitoring', variables: [{ name: 'window_transmission', unit: '%' }], start: DAY0, stepMs: 300_000, count: 10 });
  const make = async (name: string, instruments: string[], now?: Date) => (await createApiToken(t.db, { name, instruments, expires: '1d' }, system, now)).token;
  tokens.asfs = await make('asfs-partner', ['asfs']);
  tokens.formats = await make('formats-partner', ['asfs']);
  tokens.hostile = await make('hostile-partner', ['asfs']);
  tokens.cl61 = await make('cl61-partner', ['cl61']);
  tokens.all = await make('everything', ['*']);
  tokens.busy = await make('busy-partner', ['asfs']);
  tokens.expired = await make('old-partner', ['asfs'], new Date(Date.now() - 2 * 86_400_000));
  tokens.revoked = await make('gone-partner', ['asfs']);
  await revokeToken(t.db, { name: 'gone-partner' }, system);
  web = await startWebServer({ databaseUrl: t.url, env: { FIELDOPS_API_MAX_VALUES: String(MAX_VALUES), FIELDOPS_API_RATE_LIMIT: String(RATE_LIMIT) } });
  fileId = await ledgerFetchedFile(t.db, web.dataDir, 'asfs', '2026/03/01/TOA5_asfs.dat', fileContent);
  await t.db.update(files).set({ sha256: crypto.createHash('sha256').update(fileContent).digest('hex'), dataStart: DAY0, dataEnd: new Date('2026-03-02T00:00:00Z') })
    .where(sql`id = ${fileId}`);
  await ledgerFetchedFile(t.db, web.dataDir, 'cl61', 'cl61_20260301.nc', 'not yours');
}, 600_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

const get = (path: string, token: string | null | undefined, headers: Record<string, string> = {}) =>
  fetch(`${web.url}${path}`, { headers: token ? { authorization: `Bearer ${token}`, ...headers } : headers });

/** The database rows of the asfs series in [start, end), pivoted: time in ms → values in VARS order. */
async function databaseRows(start: string, end: string): Promise<(number | null)[][]> {
  const result = await t.db.execute<{ ms: string; variable_id: number; value: number | null }>(sql`
    SELECT (extract(epoch FROM time) * 1000)::bigint AS ms, variable_id, value FROM observations
    WHERE variable_id IN (${sql.raw(variableIds.join(','))}) AND time >= ${start} AND time < ${end} ORDER BY time`);
  const rows = new Map<number, (number | null)[]>();
  for (const r of result.rows) {
    const ms = Number(r.ms);
    if (!rows.has(ms)) rows.set(ms, [ms, null, null, null]);
    rows.get(ms)![variableIds.indexOf(r.variable_id) + 1] = r.value;
  }
  return [...rows.values()];
}

const RANGE = 'start=2026-03-01T00:00:00Z&end=2026-03-01T12:00:00Z';
const DATA = `/api/v1/instruments/asfs/data?vars=${encodeURIComponent(VARS.map((v) => v.name).join(','))}&${RANGE}`;

describe('instruments', () => {
  it('lists variables, coverage and feed health, within the token scope', async () => {
    const response = await get('/api/v1/instruments', tokens.asfs);
    expect(response.status).toBe(200);
    const { instruments } = (await response.json()) as { instruments: Record<string, unknown>[] };
    expect(instruments).toHaveLength(1);
    expect(instruments[0]).toMatchObject({
      id: 'asfs', siteId: 'summit', kind: 'campbell-toa5',
      variables: VARS.map((v) => ({ name: v.name, unit: v.unit, processing: 'Smp', shape: 'scalar', stream: 'Public' })),
      coverage: { start: '2026-03-01T00:00:00.000Z', end: '2026-03-02T23:59:00.000Z' },
      health: { state: 'down', lastRecord: '2026-03-02T23:59:00.000Z', completeness24h: 0 },
    });
    const all = (await (await get('/api/v1/instruments', tokens.all)).json()) as { instruments: { id: string }[] };
    expect(all.instruments.map((i) => i.id)).toEqual(['asfs', 'cam1', 'cl61', 'hatpro', 'van1']);
  });
});

describe('data formats round-trip the database rows', () => {
  it('CSV: names, then units, then every row; health in headers', async () => {
    const response = await get(`${DATA}&format=csv`, tokens.formats);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('x-feed-state')).toBe('down');
    expect(response.headers.get('x-feed-completeness')).toBe(String(Math.round(((720 - 120) / 720) * 10_000) / 10_000));
    expect(response.headers.get('x-feed-gap-count')).toBe('1');
    expect(response.headers.get('x-feed-gaps')).toBe('2026-03-01T05:59:00.000Z/2026-03-01T08:00:00.000Z');
    const lines = parseCsv(await response.text(), { relax_column_count: false }) as string[][];
    expect(lines[0]).toEqual(['time', ...VARS.map((v) => v.name)]);
    expect(lines[1]).toEqual(['UTC', ...VARS.map((v) => v.unit)]);
    const expected = await databaseRows('2026-03-01T00:00:00Z', '2026-03-01T12:00:00Z');
    expect(expected).toHaveLength(600);
    expect(lines.slice(2).map(([time, ...values]) => [Date.parse(time!), ...values.map((v) => (v === '' ? null : Number(v)))])).toEqual(expected);
  });

  it('JSON: metadata, health and rows', async () => {
    const response = await get(`${DATA}&format=json`, tokens.formats);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { health: Record<string, unknown>; columns: { name: string; unit: string }[]; rows: [string, ...(number | null)[]][] };
    expect(body.health).toMatchObject({ state: 'down', gapCount: 1, gaps: ['2026-03-01T05:59:00.000Z/2026-03-01T08:00:00.000Z'] });
    expect(body.columns.map((c) => c.unit)).toEqual(['ISO 8601 UTC', ...VARS.map((v) => v.unit)]);
    expect(body.rows.map(([time, ...values]) => [Date.parse(time), ...values])).toEqual(await databaseRows('2026-03-01T00:00:00Z', '2026-03-01T12:00:00Z'));
  });

  it('NDJSON: one object per line keyed by name', async () => {
    const response = await get(`${DATA}&format=ndjson`, tokens.formats);
    const lines = (await response.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string | number | null>);
    expect(lines.map((l) => [Date.parse(String(l.time)), ...VARS.map((v) => l[v.name])])).toEqual(await databaseRows('2026-03-01T00:00:00Z', '2026-03-01T12:00:00Z'));
  });

  it('netCDF-3 classic: opens with netcdfjs, CF time and units, values equal', async () => {
    const response = await get(`${DATA}&format=nc`, tokens.formats);
    expect(response.status).toBe(200);
    const reader = new NetCDFReader(Buffer.from(await response.arrayBuffer()));
    expect(reader.version).toBe('classic format');
    const expected = await databaseRows('2026-03-01T00:00:00Z', '2026-03-01T12:00:00Z');
    const time = reader.getDataVariable('time') as number[];
    expect(time.map((s) => Math.round(s * 1000))).toEqual(expected.map((r) => r[0]));
    expect(reader.getDataVariable('AirTC')).toEqual(expected.map((r) => r[1] ?? Number.NaN));
    expect(reader.getDataVariable('wind__gust___3_s_')).toEqual(expected.map((r) => r[3] ?? Number.NaN));
    const attrs = (name: string) => Object.fromEntries((reader.variables.find((v) => v.name === name)!.attributes as { name: string; value: unknown }[]).map((a) => [a.name, a.value]));
    expect(attrs('time')).toMatchObject({ units: 'seconds since 1970-01-01 00:00:00 UTC', standard_name: 'time', calendar: 'standard' });
    expect(attrs('RH')).toMatchObject({ units: '%' });
    expect(reader.getAttribute('feed_gap_count')).toBe(1);
    expect(reader.getAttribute('instrument')).toBe('asfs');
  });

  it('buckets: every=1h with mean, min, max and last match the rows', async () => {
    const expected = await databaseRows('2026-03-01T00:00:00Z', '2026-03-01T12:00:00Z');
    const hour = (ms: number) => ms - (ms % 3_600_000);
    for (const agg of ['mean', 'min', 'max', 'last'] as const) {
      const response = await get(`/api/v1/instruments/asfs/data?vars=RH&${RANGE}&every=1h&agg=${agg}&format=json`, tokens.formats);
      const body = (await response.json()) as { rows: [string, number | null][] };
      const buckets = new Map<number, number[]>();
      for (const row of expected) if (row[2] !== null) buckets.set(hour(row[0]!), [...(buckets.get(hour(row[0]!)) ?? []), row[2]!]);
      const want = [...buckets.entries()].map(([ms, v]) => [ms,
        agg === 'mean' ? v.reduce((a, b) => a + b, 0) / v.length : agg === 'min' ? Math.min(...v) : agg === 'max' ? Math.max(...v) : v.at(-1)!]);
      const got = body.rows.map(([time, value]) => [Date.parse(time), value]);
      expect(got.map((r) => r[0]), agg).toEqual(want.map((r) => r[0]));
      got.forEach((r, i) => expect(r[1], `${agg} ${i}`).toBeCloseTo(want[i]![1]!, 9));
    }
  });
});

describe('access', () => {
  it('an out-of-scope instrument is a 404 exactly like a missing one', async () => {
    const hidden = await get(`${DATA}`, tokens.cl61);
    const missing = await get('/api/v1/instruments/nope/data', tokens.cl61);
    expect([hidden.status, await hidden.text()]).toEqual([404, await missing.text()]);
    expect((await get('/api/v1/instruments/asfs', tokens.cl61)).status).toBe(404);
    expect((await get(`/api/v1/files/${fileId}/content`, tokens.cl61)).status).toBe(404);
  });

  it('expired, revoked, unknown and missing tokens get 401', async () => {
    for (const token of [tokens.expired!, tokens.revoked!, `fot_${crypto.randomBytes(32).toString('base64url')}`, null]) {
      expect((await get(DATA, token)).status).toBe(401);
      expect((await get('/api/v1/files', token)).status).toBe(401);
    }
  });

  it('every token call is in the audit log under the token name', async () => {
    const rows = await t.db.execute<{ action: string; target: string }>(sql`SELECT action, target FROM audit_log WHERE actor = 'token:formats-partner'`);
    expect(rows.rows.filter((r) => r.action === 'token.use' && r.target === 'GET /api/v1/instruments/asfs/data').length).toBeGreaterThanOrEqual(8);
    const rejected = await t.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM audit_log WHERE actor = 'token:gone-partner' AND action = 'token.reject'`);
    expect(Number(rejected.rows[0]!.n)).toBe(2);
  });
});

describe('bad and hostile parameters', () => {
  it.each([
    ['vars=nope', 400, /^vars: unknown variable "nope"; this instrument has AirTC, RH/],
    ["vars=AirTC');DROP TABLE observations;--", 400, /^vars: unknown variable/],
    ['vars=température,ℝ𝕳', 400, /^vars: unknown variable "température"/],
    ['start=now-1d&end=now-2d', 400, /^start: must be before end/],
    ['start=-5', 400, /^start: /],
    ['start=99999-01-01', 400, /^start: /],
    ['every=-1m', 400, /^every: /],
    ['agg=avg;SELECT', 400, /^agg: /],
    ['format=../../etc/passwd', 400, /^format: /],
    ['vars=AirTC&vars=RH', 400, /^vars: given more than once/],
    ['%00=1', 400, /unknown parameter/],
  ])('%s → %i', async (query, status, message) => {
    const response = await get(`/api/v1/instruments/asfs/data?${query}`, tokens.hostile);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });

  it('a profile variable is refused with a clear message', async () => {
    const response = await get('/api/v1/instruments/cl61/data?vars=window_transmission,beta', tokens.cl61);
    expect(response.status).toBe(400);
  });

  it('a huge range over the value cap gets 413 with the numbers and how to split it', async () => {
    const response = await get('/api/v1/instruments/asfs/data?start=1900-01-01&end=2200-01-01', tokens.hostile);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { requestedValues: number; maxValues: number; suggestion: { calls: number; every: string | null } };
    expect(body).toMatchObject({ requestedValues: 3 * (2880 - 120), maxValues: MAX_VALUES, suggestion: { calls: 2, maxSpan: expect.stringMatching(/^\d+ days$/), every: null } });
    const coarse = await get('/api/v1/instruments/asfs/data?start=2026-01-01&end=2026-04-01&every=1d&format=json', tokens.hostile);
    expect(coarse.status).toBe(200);
    expect(((await coarse.json()) as { rows: unknown[] }).rows).toHaveLength(2);
  });

  it('the tables are intact after all that', async () => {
    const n = await t.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM observations`);
    expect(Number(n.rows[0]!.n)).toBe(3 * (2880 - 120) + 10);
  });
});

describe('files', () => {
  it('lists ledger entries in scope with size, sha256 and a download link; filters are checked', async () => {
    const response = await get('/api/v1/files?instrument=asfs&from=2026-03-01T12:00:00Z&to=now', tokens.asfs);
    const body = (await response.json()) as { files: Record<string, unknown>[]; next: string | null };
    expect(body.files).toEqual([expect.objectContaining({ id: fileId, instrument: 'asfs', size: fileContent.length, download: `/api/v1/files/${fileId}/content`,
      sha256: crypto.createHash('sha256').update(fileContent).digest('hex'), state: 'fetched' })]);
    expect(((await (await get('/api/v1/files', tokens.asfs)).json()) as { files: unknown[] }).files).toHaveLength(1);
    expect(((await (await get('/api/v1/files?from=2026-03-05', tokens.asfs)).json()) as { files: unknown[] }).files).toHaveLength(0);
    expect(((await (await get('/api/v1/files?instrument=cl61', tokens.asfs)).json()) as { files: unknown[] }).files).toHaveLength(0);
    const bad = await get('/api/v1/files?state=gone', tokens.asfs);
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([400, expect.stringMatching(/^state: /)]);
  });

  it('serves the content with its checksum, byte ranges (206) and 416 past the end', async () => {
    const digest = crypto.createHash('sha256').update(fileContent).digest();
    const whole = await get(`/api/v1/files/${fileId}/content`, tokens.asfs);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('repr-digest')).toBe(`sha-256=:${digest.toString('base64')}:`);
    expect(whole.headers.get('x-checksum-sha256')).toBe(digest.toString('hex'));
    expect(Buffer.from(await whole.arrayBuffer()).equals(fileContent)).toBe(true);

    const part = await get(`/api/v1/files/${fileId}/content`, tokens.asfs, { range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${fileContent.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(fileContent.subarray(1000, 2000))).toBe(true);

    const tail = await get(`/api/v1/files/${fileId}/content`, tokens.asfs, { range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(fileContent.subarray(-10))).toBe(true);

    const past = await get(`/api/v1/files/${fileId}/content`, tokens.asfs, { range: `bytes=${fileContent.length}-` });
    expect([past.status, past.headers.get('content-range')]).toEqual([416, `bytes */${fileContent.length}`]);

    const stale = await get(`/api/v1/files/${fileId}/content`, tokens.asfs, { range: 'bytes=0-9', 'if-range': '"other"' });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it('refuses hostile ids', async () => {
    for (const id of ['-1', '1;DROP%20TABLE%20files', '99999999999999999999', '%2e%2e']) {
      const response = await get(`/api/v1/files/${id}/content`, tokens.asfs);
      expect([400, 404], id).toContain(response.status);
    }
    expect((await get('/api/v1/files/123456/content', tokens.asfs)).status).toBe(404);
  });
});

describe('rate limit and documentation', () => {
  it('a token over its per-minute limit gets 429 with Retry-After, other tokens do not', async () => {
    let last: Response | undefined;
    // Twice the limit plus one: calls that straddle a window boundary still overflow one of the two windows.
    for (let i = 0; i <= 2 * RATE_LIMIT; i++) {
      last = await get('/api/v1/instruments/asfs', tokens.busy);
      if (last.status === 429) break;
      await last.arrayBuffer();
    }
    expect(last!.status).toBe(429);
    const retry = Number(last!.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(((await last!.json()) as { error: string }).error).toMatch(/rate limit/);
    expect((await get('/api/v1/instruments/asfs', tokens.asfs)).status).toBe(200);
  });

  it('serves OpenAPI 3.1 and a public documentation page with examples', async () => {
    const spec = (await (await get('/api/v1/openapi.json', null)).json()) as { openapi: string; paths: Record<string, unknown>; components: { securitySchemes: unknown } };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(['/api/v1/instruments', '/api/v1/instruments/{id}', '/api/v1/instruments/{id}/data', '/api/v1/files', '/api/v1/files/{id}/content']);
    expect(spec.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    const page = await fetch(`${web.url}/docs/api`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/v1/openapi.json');
    expect(html).toContain('curl -H &quot;Authorization: Bearer $FIELDOPS_TOKEN&quot;');
    expect(html).toContain('import os, requests');
  });
});
