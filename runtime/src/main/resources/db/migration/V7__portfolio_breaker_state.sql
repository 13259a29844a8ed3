-- The portfolio circuit breaker's state, so a restarted kernel goes on where it stopped (peak, day, day start,
-- cycles paused) instead of starting afresh. A row is written with the cycle records of a history batch, in the
-- batch's transaction: the state after the latest update whose cycle, and every earlier update's, is stored by
-- then (PortfolioStateSink, UnstoredStates). So it holds no cycle a crash could lose: such a cycle runs again and
-- updates the restored breaker. A manual reset's state goes in with the first batch that reaches it; before
-- that, a restart applies the reset (its breaker_events row) again.
--
-- update_no counts every update of the breaker, across processes (a restart continues from the highest): the row
-- with the highest surviving number is the state to restore. Older rows are deleted as newer ones are written.
-- breaker_events.portfolio_update is the update a portfolio transition came with: a restart deletes the cycles'
-- transitions after the restored state (a cycle that runs again records its own again).
-- sleeves names the sleeves the breaker summed ("strategy=run" pairs, sorted, ';'-separated): a restart restores
-- the state only for the same sleeves, the same runs continued. NULL equities are NaN (no value yet).

CREATE TABLE portfolio_breaker_states (
    update_no     BIGINT            NOT NULL PRIMARY KEY,
    compose_id    VARCHAR(200),
    sleeves       VARCHAR(1000000)  NOT NULL,
    ts            BIGINT            NOT NULL,
    state         VARCHAR(16)       NOT NULL,
    peak          DOUBLE PRECISION,
    day_start     DOUBLE PRECISION,
    paused_cycles INTEGER           NOT NULL,
    equity        DOUBLE PRECISION,
    recorded_at   BIGINT            NOT NULL
);

ALTER TABLE breaker_events ADD COLUMN portfolio_update BIGINT;
