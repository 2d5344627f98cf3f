// Everything drizzle-kit generates migrations from. ./rollups.ts is deliberately not re-exported: its tables
// are created by a custom migration (plain tables or TimescaleDB continuous aggregates).
export * from './campaign';
export * from './timeseries';
export * from './ledger';
export * from './jobs';
export * from './health';
export * from './alerts';
export * from './mirrors';
export * from './quicklooks';
export * from './auth';
export * from './live';
export * from './ops-control';
export * from './api-rate';
