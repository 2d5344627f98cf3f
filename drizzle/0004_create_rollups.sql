-- 1-minute and 1-hour roll-ups of observations under the same names and columns on both kinds of database:
-- continuous aggregates (real-time, refreshed by TimescaleDB policies) on TimescaleDB; plain tables that the
-- `rollups-refresh` job fills on PostgreSQL. Created WITH NO DATA, which TimescaleDB allows in a transaction.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    EXECUTE $view$
      CREATE MATERIALIZED VIEW observations_1m
      WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
      SELECT time_bucket(INTERVAL '1 minute', "time") AS bucket, stream_id, variable_id,
             min(value) AS min, max(value) AS max, avg(value) AS mean, sum(value) AS sum, count(value) AS count
      FROM observations
      GROUP BY time_bucket(INTERVAL '1 minute', "time"), stream_id, variable_id
      WITH NO DATA $view$;
    EXECUTE $view$
      CREATE MATERIALIZED VIEW observations_1h
      WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
      SELECT time_bucket(INTERVAL '1 hour', "time") AS bucket, stream_id, variable_id,
             min(value) AS min, max(value) AS max, avg(value) AS mean, sum(value) AS sum, count(value) AS count
      FROM observations
      GROUP BY time_bucket(INTERVAL '1 hour', "time"), stream_id, variable_id
      WITH NO DATA $view$;
    CREATE INDEX IF NOT EXISTS observations_1m_series_idx ON observations_1m (stream_id, variable_id, bucket);
    CREATE INDEX IF NOT EXISTS observations_1h_series_idx ON observations_1h (stream_id, variable_id, bucket);
    PERFORM add_continuous_aggregate_policy('observations_1m', start_offset => INTERVAL '3 days',
      end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute', if_not_exists => true);
    PERFORM add_continuous_aggregate_policy('observations_1h', start_offset => INTERVAL '7 days',
      end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes', if_not_exists => true);
  ELSE
    CREATE TABLE IF NOT EXISTS observations_1m (
      bucket timestamptz NOT NULL, stream_id integer NOT NULL, variable_id integer NOT NULL,
      min double precision, max double precision, mean double precision, sum double precision, count bigint NOT NULL);
    CREATE UNIQUE INDEX IF NOT EXISTS observations_1m_stream_id_variable_id_bucket_key
      ON observations_1m (stream_id, variable_id, bucket);
    CREATE TABLE IF NOT EXISTS observations_1h (
      bucket timestamptz NOT NULL, stream_id integer NOT NULL, variable_id integer NOT NULL,
      min double precision, max double precision, mean double precision, sum double precision, count bigint NOT NULL);
    CREATE UNIQUE INDEX IF NOT EXISTS observations_1h_stream_id_variable_id_bucket_key
      ON observations_1h (stream_id, variable_id, bucket);
  END IF;
END $$;
