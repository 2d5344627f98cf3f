// Shapes the live page shares between the server (preload, SSE) and the browser. Plain data only.

/** One logger record as the browser gets it: journal id (the SSE event id), time, record number, values. */
export interface LiveRecordDto {
  id: number;
  /** Record time, UTC ms. */
  t: number;
  no: number;
  v: Record<string, number | null>;
}

export interface FeedHealthDto {
  state: string | null;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  timestampCorrections: number;
  /** Gaps detected since UTC midnight, and how many of them stay unfilled. */
  gapsToday: number;
  unfilledGapsToday: number;
}

export interface LiveVariableDto {
  name: string;
  unit: string | null;
}
