-- TimescaleDB only: compress chunks older than a week, segmented by series so that a series read touches
-- one segment, ordered by time. The unique index's non-time columns are the segment-by columns, which
-- compression requires. Health snapshots are kept for 180 days.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    ALTER TABLE observations SET (timescaledb.compress,
      timescaledb.compress_segmentby = 'stream_id, variable_id', timescaledb.compress_orderby = 'time DESC');
    PERFORM add_compression_policy('observations', compress_after => INTERVAL '7 days', if_not_exists => true);
    ALTER TABLE profiles SET (timescaledb.compress,
      timescaledb.compress_segmentby = 'stream_id, variable_id', timescaledb.compress_orderby = 'time DESC');
    PERFORM add_compression_policy('profiles', compress_after => INTERVAL '7 days', if_not_exists => true);
    ALTER TABLE health_snapshots SET (timescaledb.compress,
      timescaledb.compress_segmentby = 'metric, component', timescaledb.compress_orderby = 'time DESC');
    PERFORM add_compression_policy('health_snapshots', compress_after => INTERVAL '7 days', if_not_exists => true);
    PERFORM add_retention_policy('health_snapshots', drop_after => INTERVAL '180 days', if_not_exists => true);
  END IF;
END $$;
