-- The console: keyset pages of a run's cycles filtered by status or time walk these indexes from the
-- cursor, so a page costs the same anywhere in a million-cycle run. Portable: H2 2.x and PostgreSQL 15+.
CREATE INDEX cycles_run_status_seq ON cycles (run_id, status, seq);
CREATE INDEX cycles_run_ts ON cycles (run_id, ts);
