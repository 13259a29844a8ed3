-- The history schema. One file runs unchanged on H2 2.x and PostgreSQL 15+: portable types only, no
-- vendor functions, identifiers that are reserved in neither (hence feature_value, is_open).
-- ${json} is a Flyway placeholder: JSON on H2, JSONB on PostgreSQL.
--
-- Numbers copied from the records (prices, quantities, PnL, fees, features) are DOUBLE PRECISION: the
-- records carry doubles, so a double column stores them bit-exactly, where a DECIMAL would round or pad
-- them. A NaN in a record is stored as NULL here (aggregates then skip it); the JSON record keeps NaN.
-- The one value that comes straight from the exact ledger, a run's final equity, is DECIMAL.
-- No foreign keys: rows arrive in large batches from one writer, and a replay may record cycles of a run
-- this database never saw start.

CREATE TABLE runs (
    run_id          VARCHAR(200)   NOT NULL PRIMARY KEY,
    strategy_id     VARCHAR(200)   NOT NULL,
    mode            VARCHAR(32)    NOT NULL,
    started_at      BIGINT         NOT NULL,
    config          ${json},
    data_source     VARCHAR(2000),
    status          VARCHAR(32)    NOT NULL,
    finished_at     BIGINT,
    cycles          BIGINT,
    recorded_cycles BIGINT,
    trades          INTEGER,
    final_equity    DECIMAL(38, 12),
    total_return    DOUBLE PRECISION,
    max_drawdown    DOUBLE PRECISION,
    sharpe          DOUBLE PRECISION,
    result_digest   VARCHAR(128),
    skipped_rows    INTEGER
);
CREATE INDEX runs_strategy_started ON runs (strategy_id, started_at);
CREATE INDEX runs_started ON runs (started_at);

CREATE TABLE cycles (
    compose_id   VARCHAR(200) NOT NULL PRIMARY KEY,
    run_id       VARCHAR(200) NOT NULL,
    strategy_id  VARCHAR(200) NOT NULL,
    seq          BIGINT       NOT NULL,
    ts           BIGINT       NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    error_step   VARCHAR(32),
    error_reason VARCHAR(100000),
    rationale    VARCHAR(100000),
    total_nanos  BIGINT       NOT NULL,
    record       ${json}      NOT NULL
);
CREATE UNIQUE INDEX cycles_run_seq ON cycles (run_id, seq);
CREATE INDEX cycles_strategy_ts ON cycles (strategy_id, ts);
CREATE INDEX cycles_status ON cycles (status);

CREATE TABLE cycle_features (
    compose_id    VARCHAR(200) NOT NULL,
    symbol        VARCHAR(64)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    feature_value DOUBLE PRECISION
);
CREATE INDEX cycle_features_compose ON cycle_features (compose_id);
CREATE INDEX cycle_features_symbol_name ON cycle_features (symbol, name);

CREATE TABLE instructions (
    compose_id     VARCHAR(200) NOT NULL,
    idx            INTEGER      NOT NULL,
    instruction_id VARCHAR(250),
    symbol         VARCHAR(64)  NOT NULL,
    side           VARCHAR(8)   NOT NULL,
    quantity       DOUBLE PRECISION,
    order_type     VARCHAR(16)  NOT NULL,
    limit_price    DOUBLE PRECISION,
    reduce_only    BOOLEAN      NOT NULL,
    PRIMARY KEY (compose_id, idx)
);
CREATE INDEX instructions_instruction ON instructions (instruction_id);

CREATE TABLE guardrail_verdicts (
    compose_id     VARCHAR(200) NOT NULL,
    seq            INTEGER      NOT NULL,
    instruction_id VARCHAR(250) NOT NULL,
    check_id       VARCHAR(200) NOT NULL,
    outcome        VARCHAR(16)  NOT NULL,
    qty_before     DOUBLE PRECISION,
    qty_after      DOUBLE PRECISION,
    reason         VARCHAR(100000) NOT NULL,
    PRIMARY KEY (compose_id, seq)
);
CREATE INDEX guardrail_verdicts_instruction ON guardrail_verdicts (instruction_id);
CREATE INDEX guardrail_verdicts_check_outcome ON guardrail_verdicts (check_id, outcome);

CREATE TABLE tx_results (
    compose_id     VARCHAR(200) NOT NULL,
    seq            INTEGER      NOT NULL,
    instruction_id VARCHAR(250) NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    symbol         VARCHAR(64)  NOT NULL,
    side           VARCHAR(8)   NOT NULL,
    filled_qty     DOUBLE PRECISION NOT NULL,
    fill_price     DOUBLE PRECISION NOT NULL,
    fee            DOUBLE PRECISION NOT NULL,
    ts             BIGINT       NOT NULL,
    reason         VARCHAR(100000) NOT NULL,
    PRIMARY KEY (compose_id, seq)
);
CREATE INDEX tx_results_instruction ON tx_results (instruction_id);
CREATE INDEX tx_results_status ON tx_results (status);

CREATE TABLE trades (
    run_id               VARCHAR(200) NOT NULL,
    trade_id             VARCHAR(250) NOT NULL,
    idx                  INTEGER      NOT NULL,
    symbol               VARCHAR(64)  NOT NULL,
    quantity             DOUBLE PRECISION NOT NULL,
    entry_ts             BIGINT       NOT NULL,
    entry_price          DOUBLE PRECISION NOT NULL,
    exit_ts              BIGINT       NOT NULL,
    exit_price           DOUBLE PRECISION,
    realized_pnl         DOUBLE PRECISION NOT NULL,
    fees                 DOUBLE PRECISION NOT NULL,
    entry_instruction_id VARCHAR(250) NOT NULL,
    exit_instruction_id  VARCHAR(250) NOT NULL,
    is_open              BOOLEAN      NOT NULL,
    PRIMARY KEY (run_id, trade_id)
);
CREATE INDEX trades_symbol_entry ON trades (symbol, entry_ts);

CREATE TABLE portfolio_snapshots (
    compose_id   VARCHAR(200) NOT NULL PRIMARY KEY,
    ts           BIGINT       NOT NULL,
    cash         DOUBLE PRECISION NOT NULL,
    equity       DOUBLE PRECISION NOT NULL,
    gross        DOUBLE PRECISION NOT NULL,
    net          DOUBLE PRECISION NOT NULL,
    realized_pnl DOUBLE PRECISION NOT NULL,
    fees         DOUBLE PRECISION NOT NULL,
    positions    ${json}      NOT NULL
);

CREATE TABLE digests (
    compose_id VARCHAR(200) NOT NULL PRIMARY KEY,
    digest     ${json}      NOT NULL,
    sharpe     DOUBLE PRECISION NOT NULL
);

CREATE TABLE component_versions (
    compose_id   VARCHAR(200) NOT NULL,
    seq          INTEGER      NOT NULL,
    role         VARCHAR(64)  NOT NULL,
    component_id VARCHAR(200) NOT NULL,
    source       VARCHAR(200) NOT NULL,
    version      VARCHAR(100) NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    PRIMARY KEY (compose_id, seq)
);
CREATE INDEX component_versions_component ON component_versions (component_id, version);
