/**
 * The history store: every decision cycle as a queryable record, in H2 (embedded, the default) or
 * PostgreSQL, through Jdbi, with the schema in Flyway migrations under {@code db/migration}.
 *
 * <p>{@link dev.stratagem.runtime.history.JdbiHistoryStore} writes and reads; filterable facts are real
 * columns, the full {@link dev.stratagem.api.CycleRecord} is a JSON column written by
 * {@link dev.stratagem.runtime.history.CycleJson}. {@link dev.stratagem.runtime.history.HistoryWriter} takes
 * records off the cycle's thread and writes them in order, in batches, one transaction per batch. A backtest's
 * history goes in blocks instead: {@link dev.stratagem.runtime.history.BlockRecorder} encodes each cycle on the
 * replay's thread and hands full blocks to a history writer.
 */
package dev.stratagem.runtime.history;
