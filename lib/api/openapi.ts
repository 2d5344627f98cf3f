// The partner API described as OpenAPI 3.1: served at /api/v1/openapi.json and rendered by /docs/api.
import { fileState } from '../../db/schema';
import { AGGREGATES, EVERY_SECONDS, FORMATS, MAX_VARS_PER_REQUEST } from './data-params';
import { MAX_FILES_PER_PAGE } from './file-params';

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const time = (description: string) => ({ type: 'string', description: `${description} ISO 8601 (2026-03-01, 2026-03-01T12:00:00Z, with an offset) or relative: now, now-7d, now-90m (units s m h d w).` });

const HEALTH_HEADERS = {
  'X-Feed-State': { description: 'The feed now: up, late, down, paused, new or disabled.', schema: { type: 'string' } },
  'X-Feed-Last-Record': { description: 'Time of the latest record (ISO 8601), or none.', schema: { type: 'string' } },
  'X-Feed-Completeness': { description: 'Distinct record times found / records expected at the instrument cadence in [start, min(end, now)), 0..1; unknown without a cadence or before the instrument ever recorded. The same definition as the overview page and the health monitor.', schema: { type: 'string' } },
  'X-Feed-Gap-Count': { description: 'Gaps overlapping [start, min(end, now)): holes between consecutive records longer than 2.5 cadences (at least one cadence + 1.5 s), the live poller\'s rule. A silence before the first or after the last record counts once a record ends it. unknown without a cadence.', schema: { type: 'string' } },
  'X-Feed-Gaps': { description: 'The first 10 gaps as ISO 8601 intervals from/to (clipped to the range), comma-separated.', schema: { type: 'string' } },
  'X-Export-Values': { description: 'Upper bound of the values in this response (what the value cap is checked against).', schema: { type: 'integer' } },
};

const COMMON_ERRORS = {
  '400': error('A bad parameter; the message starts with its name.'),
  '401': error('No valid token (unknown, expired or revoked).'),
  '404': error('Unknown, or outside the token\'s scope (the two are indistinguishable).'),
  '429': { ...error('Over the per-token rate limit.'), headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'fieldops partner API',
      version: '1.0.0',
      description: 'Read-only access to a campaign\'s instruments, time series and raw files. Every call needs a bearer token ' +
        '(created by an admin with `fieldops token create`); a token sees only the instruments in its scope, expires, can be ' +
        'revoked, is rate-limited per minute, and every call is in the audit log under its name.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/instruments': {
        get: {
          operationId: 'listInstruments', summary: 'Instruments the token may read',
          responses: { '200': { description: 'Instruments with variables, time coverage and feed health.', content: { 'application/json': { schema: { type: 'object', properties: { instruments: { type: 'array', items: { $ref: '#/components/schemas/Instrument' } } } } } } }, '401': COMMON_ERRORS['401'], '429': COMMON_ERRORS['429'] },
        },
      },
      '/api/v1/instruments/{id}': {
        get: {
          operationId: 'getInstrument', summary: 'One instrument', parameters: [{ $ref: '#/components/parameters/InstrumentId' }],
          responses: { '200': { description: 'The instrument.', content: { 'application/json': { schema: { type: 'object', properties: { instrument: { $ref: '#/components/schemas/Instrument' } } } } } }, '401': COMMON_ERRORS['401'], '404': COMMON_ERRORS['404'], '429': COMMON_ERRORS['429'] },
        },
      },
      '/api/v1/instruments/{id}/data': {
        get: {
          operationId: 'getData', summary: 'Scalar time series, streamed',
          description: 'One row per time (raw) or per bucket (`every`), with the requested variables as columns, ordered by time; start inclusive, end exclusive. ' +
            'The health block (completeness and gaps inside the range) is in the X-Feed-* headers for every format, in `health` for JSON, and in global attributes (feed_*) for netCDF. ' +
            'CSV: first line names, second line units (time is UTC), empty field = missing. JSON: `{instrument, ..., health, columns, rows: [[time, v1, ...]]}`, null = missing. ' +
            'NDJSON: one object per line keyed by variable name. netCDF-3 classic: time as seconds since 1970-01-01 00:00:00 UTC (CF), each variable a double with units and _FillValue NaN.',
          parameters: [
            { $ref: '#/components/parameters/InstrumentId' },
            { name: 'vars', in: 'query', schema: { type: 'string' }, description: `Comma-separated variable names (at most ${MAX_VARS_PER_REQUEST}); default every scalar variable.` },
            { name: 'start', in: 'query', schema: time('Start (inclusive); default end minus one day.') },
            { name: 'end', in: 'query', schema: time('End (exclusive); default now.') },
            { name: 'every', in: 'query', schema: { type: 'string', enum: Object.keys(EVERY_SECONDS), default: 'raw' }, description: 'raw records, or buckets of this width (aligned to 2000-01-03T00:00Z).' },
            { name: 'agg', in: 'query', schema: { type: 'string', enum: AGGREGATES, default: 'mean' }, description: 'How a bucket is reduced (ignored for raw); last is the latest non-missing value.' },
            { name: 'format', in: 'query', schema: { type: 'string', enum: FORMATS, default: 'csv' } },
          ],
          responses: {
            '200': {
              description: 'The data, streamed.', headers: HEALTH_HEADERS,
              content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { $ref: '#/components/schemas/DataDocument' } }, 'application/x-ndjson': { schema: { type: 'string' } }, 'application/x-netcdf': { schema: { type: 'string', format: 'binary' } } },
            },
            ...COMMON_ERRORS,
            '413': { description: 'More values than one request may return; the body says how to split it.', content: { 'application/json': { schema: { $ref: '#/components/schemas/TooManyValues' } } } },
          },
        },
      },
      '/api/v1/files': {
        get: {
          operationId: 'listFiles', summary: 'Ledger entries (raw files), paged by id',
          parameters: [
            { name: 'instrument', in: 'query', schema: { type: 'string' } },
            { name: 'from', in: 'query', schema: time('Files whose data ends at or after this.') },
            { name: 'to', in: 'query', schema: time('Files whose data starts before this.') },
            { name: 'state', in: 'query', schema: { type: 'string', enum: fileState.enumValues } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_FILES_PER_PAGE, default: 1000 } },
            { name: 'after', in: 'query', schema: { type: 'integer', minimum: 0 }, description: 'Only ids above this (use `next`).' },
          ],
          responses: {
            '200': { description: 'Files, oldest id first; `next` is the link to the following page, or null.', content: { 'application/json': { schema: { type: 'object', properties: { files: { type: 'array', items: { $ref: '#/components/schemas/File' } }, next: { type: ['string', 'null'] } } } } } },
            '400': COMMON_ERRORS['400'], '401': COMMON_ERRORS['401'], '429': COMMON_ERRORS['429'],
          },
        },
      },
      '/api/v1/files/{id}/content': {
        get: {
          operationId: 'getFileContent', summary: 'The raw file, with Range support',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }, { name: 'Range', in: 'header', schema: { type: 'string', example: 'bytes=0-1023' } }],
          responses: {
            '200': { description: 'The whole file.', headers: { 'Repr-Digest': { schema: { type: 'string' }, description: 'sha-256=:base64:' }, Digest: { schema: { type: 'string' }, description: 'sha-256=base64' }, 'X-Checksum-Sha256': { schema: { type: 'string' }, description: 'hex' }, ETag: { schema: { type: 'string' } } }, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
            '206': { description: 'The requested byte range (Content-Range); digests are of the whole file.', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
            '416': { description: 'The range starts beyond the end of the file (Content-Range: bytes */size).' },
            '400': COMMON_ERRORS['400'], '401': COMMON_ERRORS['401'], '404': COMMON_ERRORS['404'], '429': COMMON_ERRORS['429'],
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A fieldops API token (fot_…).' } },
      parameters: { InstrumentId: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        Variable: { type: 'object', properties: { name: { type: 'string' }, unit: { type: ['string', 'null'] }, processing: { type: ['string', 'null'] }, shape: { type: 'string', enum: ['scalar', 'profile'] }, stream: { type: 'string' } } },
        Instrument: {
          type: 'object',
          properties: {
            id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, siteId: { type: 'string' }, siteName: { type: 'string' }, enabled: { type: 'boolean' },
            expectedIntervalSeconds: { type: ['number', 'null'] },
            variables: { type: 'array', items: { $ref: '#/components/schemas/Variable' } },
            coverage: { type: 'object', properties: { start: { type: ['string', 'null'], format: 'date-time' }, end: { type: ['string', 'null'], format: 'date-time' } } },
            health: { type: 'object', properties: { state: { type: 'string', enum: ['up', 'late', 'down', 'paused', 'new', 'disabled'] }, lastRecord: { type: ['string', 'null'], format: 'date-time' }, completeness24h: { type: ['number', 'null'] } } },
          },
        },
        Health: { type: 'object', properties: { state: { type: 'string' }, lastRecord: { type: ['string', 'null'] }, completeness: { type: ['number', 'null'] }, gapCount: { type: ['integer', 'null'] }, gaps: { type: 'array', items: { type: 'string' } } } },
        DataDocument: {
          type: 'object',
          properties: {
            instrument: { type: 'string' }, site: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, every: { type: 'string' }, agg: { type: ['string', 'null'] },
            health: { $ref: '#/components/schemas/Health' },
            columns: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, unit: { type: ['string', 'null'] }, processing: { type: ['string', 'null'] } } } },
            rows: { type: 'array', items: { type: 'array', prefixItems: [{ type: 'string', format: 'date-time' }], items: { type: ['number', 'null'] } } },
          },
        },
        TooManyValues: {
          type: 'object',
          properties: {
            error: { type: 'string' }, requestedValues: { type: 'integer' }, maxValues: { type: 'integer' },
            suggestion: { type: 'object', properties: { maxSpanSeconds: { type: 'integer' }, maxSpan: { type: 'string' }, calls: { type: 'integer' }, every: { type: ['string', 'null'] } } },
          },
        },
        File: {
          type: 'object',
          properties: {
            id: { type: 'integer' }, instrument: { type: 'string' }, path: { type: 'string' }, basename: { type: 'string' }, size: { type: 'integer' },
            sha256: { type: ['string', 'null'] }, mtime: { type: 'string', format: 'date-time' }, state: { type: 'string', enum: fileState.enumValues },
            late: { type: 'boolean' }, rowsAppended: { type: 'integer' }, dataStart: { type: ['string', 'null'] }, dataEnd: { type: ['string', 'null'] },
            download: { type: ['string', 'null'], description: 'Path of the content, when the file was fetched.' },
          },
        },
      },
    },
  };
}
