// How many of a hop's newest finished audits the "missing files over time" chart on /ops/mirrors draws.
// Shared with the audit retention, which always keeps these, so pruning never changes the chart.
export const AUDIT_HISTORY_LENGTH = 60;
