-- TimescaleDB is optional: the same migration history runs on plain PostgreSQL. Install the extension (and
-- its toolkit) only where the server offers it; a server that lists it but cannot load it (not in
-- shared_preload_libraries) is reported and treated as plain PostgreSQL.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
     AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS timescaledb;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'fieldops: TimescaleDB is available but could not be installed (%); using plain PostgreSQL', SQLERRM;
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')
     AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb_toolkit')
     AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb_toolkit') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS timescaledb_toolkit;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'fieldops: timescaledb_toolkit is available but could not be installed (%)', SQLERRM;
    END;
  END IF;
END $$;
