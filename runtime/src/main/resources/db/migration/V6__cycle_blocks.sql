-- Backtest history in blocks (issue #7). A backtest at record level activity or all writes its cycle records
-- as blocks: one row per batch the history writer drains (up to 512 consecutive cycles), the records encoded
-- together in one binary payload, instead of ~10 rows and ~20 index entries per cycle in the tables of V1. That
-- took the writer from ~10k to (measured in BENCHMARKS.md) far more records per second; paper and live runs
-- keep one row per cycle (crash recovery and the risk store read those tables).
--
-- The header columns let a reader skip blocks: a page of cycles starts at the block holding the cursor, a
-- status filter skips blocks whose status_mask (a fixed bit per status: CycleBlocks.bit) lacks the status, a time
-- range skips blocks outside [first_ts, last_ts]. format says how payload is encoded (1: the records in a
-- compact binary form with one string table per block, see CycleBlockCodec). ${bytes} is BLOB on H2 (stored apart from the row, so a walk over the
-- headers does not read payloads) and BYTEA on PostgreSQL.

CREATE TABLE cycle_blocks (
    run_id      VARCHAR(200) NOT NULL,
    first_seq   BIGINT       NOT NULL,
    last_seq    BIGINT       NOT NULL,
    first_ts    BIGINT       NOT NULL,
    last_ts     BIGINT       NOT NULL,
    cycles      INTEGER      NOT NULL,
    status_mask INTEGER      NOT NULL,
    format      INTEGER      NOT NULL,
    payload     ${bytes}     NOT NULL,
    PRIMARY KEY (run_id, first_seq)
);
