// GET /api/v1/instruments/{id}/data: checks the request, refuses one over the value cap (413), works out
// the health block, then streams the rows in the asked format. Everything runs in one REPEATABLE READ
// snapshot, so the counts taken first (the cap, netCDF's record count) hold for the rows that follow.
import 'server-only';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { getDb } from '../../db/client';
import { getVisibleInstrument } from '../../db/queries/instrument-access';
import { type ApiVariable, getApiCoverage, listApiVariables } from '../../db/queries/export-catalog';
import { countExportRows, countStoredValues, type ExportQuery, exportCsvSelect, exportJsonSelect, exportNetcdfSelect } from '../../db/queries/export-data';
import * as schema from '../../db/schema';
import { getCapabilities } from '../../db/timeseries/capabilities';
import type { ApiCaller } from '../auth/api-access';
import { getEnv } from '../env';
import { EVERY_SECONDS, type DataParams, ParamError, parseDataParams, quoteInput } from './data-params';
import { fixedRecordDecoder } from './copy-binary-records';
import { csvHead, type ExportDescription, jsonFraming, ndjsonKeys, netcdfHead, netcdfRecordBytes } from './export-encoders';
import { copyStream, type Finish } from './export-stream';
import { MAX_NETCDF_RECORDS } from './netcdf3';
import { healthHeaders, rangeHealth } from './range-health';
import { jsonError, jsonOk, notFound } from './responses';
import { boundValues, tooManyValues } from './value-limit';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json', ndjson: 'application/x-ndjson', nc: 'application/x-netcdf' };

export async function exportInstrumentData(request: Request, caller: ApiCaller, instrumentId: string): Promise<Response> {
  const url = new URL(request.url);
  let params: DataParams;
  try {
    params = parseDataParams(url.searchParams);
  } catch (error) {
    if (error instanceof ParamError) return jsonError(400, error.message);
    throw error;
  }
  const db = getDb();
  const instrument = await getVisibleInstrument(db, instrumentId, caller.instruments);
  if (!instrument) return notFound();
  const variables = await listApiVariables(db, instrumentId);
  const chosen = chooseVariables(variables, params.vars);
  if (typeof chosen === 'string') return jsonError(400, chosen);

  const query: ExportQuery = { series: chosen, start: params.start, end: params.end, everySeconds: EVERY_SECONDS[params.every], agg: params.agg };
  const client = await db.$client.connect();
  let released = false;
  const finish: Finish = async (ok) => {
    if (released) return;
    released = true;
    if (!ok) return client.release(true);
    try {
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tx = drizzle(client as pg.PoolClient, { schema, casing: 'snake_case' });
    const range = { start: params.start, end: params.end, every: params.every, variables: chosen.length };
    const values = boundValues(await countStoredValues(tx, query), range);
    const max = getEnv().FIELDOPS_API_MAX_VALUES;
    if (values > max) {
      await finish(true);
      return jsonOk(tooManyValues(values, max, range), { status: 413 });
    }
    const coverage = await getApiCoverage(tx, instrumentId);
    const health = await rangeHealth(tx, instrument, coverage.last, params);
    const description: ExportDescription = {
      instrument, start: params.start, end: params.end, every: params.every, agg: params.every === 'raw' ? null : params.agg,
      columns: chosen.map((v) => ({ name: v.name, unit: v.unit, processing: v.processing })), health,
      requestPath: `${url.pathname}${url.search}`,
    };
    const caps = await getCapabilities(db);
    let body: ReadableStream<Uint8Array>;
    if (params.format === 'csv') {
      body = copyStream(client, exportCsvSelect(caps, query), 'csv', { head: csvHead(description) }, finish);
    } else if (params.format === 'nc') {
      const records = await countExportRows(caps, tx, query);
      if (records > MAX_NETCDF_RECORDS) {
        await finish(true);
        return jsonError(413, `too many records for netCDF-3 classic (${records}); split the range or use a coarser every`);
      }
      // The header promised a record count: a different count would be a corrupt file, so the decoder checks it.
      const decoder = fixedRecordDecoder(netcdfRecordBytes(description), records);
      body = copyStream(client, exportNetcdfSelect(caps, query), 'binary', { head: netcdfHead(description, records), decoder }, finish);
    } else if (params.format === 'json') {
      body = copyStream(client, exportJsonSelect(caps, query, 'json', []), 'lines', jsonFraming(description), finish);
    } else {
      body = copyStream(client, exportJsonSelect(caps, query, 'ndjson', ndjsonKeys(description)), 'lines', { head: Buffer.alloc(0) }, finish);
    }
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[params.format],
        'content-disposition': `attachment; filename="${fileName(instrumentId, params)}"`,
        // no-transform: the server does not gzip exports on the fly, which would cost a CPU core per
        // download and halve throughput; a reverse proxy may still compress.
        'cache-control': 'no-store, no-transform',
        'x-export-values': String(values),
        ...healthHeaders(health),
      },
    });
  } catch (error) {
    await finish(false);
    throw error;
  }
}

/** The series to export, or a 400 message naming the `vars` parameter. */
function chooseVariables(all: ApiVariable[], wanted: string[] | null): ApiVariable[] | string {
  const scalar = all.filter((v) => v.shape === 'scalar');
  if (wanted === null) return scalar.length > 0 ? scalar : 'vars: this instrument has no scalar variables (yet)';
  const byName = new Map(all.map((v) => [v.name, v]));
  const chosen: ApiVariable[] = [];
  for (const name of wanted) {
    const variable = byName.get(name);
    if (!variable) {
      const known = scalar.slice(0, 30).map((v) => v.name).join(', ');
      return `vars: unknown variable ${quoteInput(name)}; this instrument has ${known || 'no scalar variables'}`;
    }
    if (variable.shape !== 'scalar') return `vars: ${quoteInput(name)} is a profile (one array per time); this endpoint serves scalar variables`;
    chosen.push(variable);
  }
  return chosen;
}

function fileName(instrumentId: string, params: DataParams): string {
  const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const safe = instrumentId.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe}_${stamp(params.start)}_${stamp(params.end)}_${params.every}.${params.format}`;
}
