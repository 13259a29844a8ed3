-- The console: keyset pages of a run's cycles filtered by status or time walk these indexes from the
-- cursor, so a page costs the same anywhere in a million-cycle run. Portable: H2 2.x and PostgreSQL 15+.
CREATE INDEX cycles_run_status_seq ON cycles (run_id, status, seq);
CREATE INDEX cycles_run_ts ON cycles (run_id, ts);

-- The kill switch: one row (id = 1), absent until first changed. Trading code reads it before orders go out.
CREATE TABLE kill_switch (
    id         INTEGER      NOT NULL PRIMARY KEY,
    engaged    BOOLEAN      NOT NULL,
    reason     VARCHAR(2000) NOT NULL,
    changed_at BIGINT       NOT NULL,
    changed_by VARCHAR(200) NOT NULL
);
