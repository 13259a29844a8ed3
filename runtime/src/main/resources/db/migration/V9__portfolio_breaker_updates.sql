-- A stored cycle's update of the portfolio circuit breaker, when it came after the stored state (V7): its record
-- committed before an earlier update's. The stored state stays at the watermark (it must not sum the earlier cycle,
-- which a crash could lose), so without these rows a restart forgot this cycle's update: it does not run again, and
-- the breaker missed its equity (a peak, a day's start, a transition, a cycle paused). A restart now restores the
-- stored state and applies these updates again in update order, each with the sleeve's equity after the cycle, and
-- the manual resets among them; then the lost cycles run again.
--
-- A row is written with its cycle's record, in the history batch's transaction; the rows up to a newly stored state
-- are deleted with the states it supersedes. sleeve_equities is each sleeve's equity the stored state summed, in the
-- order of its sleeves ("strategy=run" pairs), ';'-separated: the equities the replayed updates change one by one.
-- NULL for a state stored before this version: such a state is restored as before (no replay).

CREATE TABLE portfolio_breaker_updates (
    update_no   BIGINT            NOT NULL PRIMARY KEY,
    compose_id  VARCHAR(200)      NOT NULL,
    strategy_id VARCHAR(200)      NOT NULL,
    ts          BIGINT            NOT NULL,
    equity      DOUBLE PRECISION  NOT NULL
);

ALTER TABLE portfolio_breaker_states ADD COLUMN sleeve_equities VARCHAR(1000000);
