-- observations, profiles and health_snapshots: hypertables on TimescaleDB; on plain PostgreSQL the same
-- tables get BRIN indexes on time (tiny, and good for the append-only, time-ordered data they hold).
-- No default time index on the hypertables: the (stream_id, variable_id, time) unique index serves reads.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable('observations', 'time', chunk_time_interval => INTERVAL '1 day',
      create_default_indexes => false, if_not_exists => true, migrate_data => true);
    PERFORM create_hypertable('profiles', 'time', chunk_time_interval => INTERVAL '1 day',
      create_default_indexes => false, if_not_exists => true, migrate_data => true);
    PERFORM create_hypertable('health_snapshots', 'time', chunk_time_interval => INTERVAL '7 days',
      create_default_indexes => false, if_not_exists => true, migrate_data => true);
  ELSE
    CREATE INDEX IF NOT EXISTS observations_time_brin_idx ON observations USING brin ("time");
    CREATE INDEX IF NOT EXISTS profiles_time_brin_idx ON profiles USING brin ("time");
    CREATE INDEX IF NOT EXISTS health_snapshots_time_brin_idx ON health_snapshots USING brin ("time");
  END IF;
END $$;
