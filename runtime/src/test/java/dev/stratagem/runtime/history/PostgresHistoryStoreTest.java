package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.TradeHistoryEntry;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same migrations and queries against a real PostgreSQL ({@link PostgresSchema}: skipped when none listens). Each
 * test gets its own schema.
 */
class PostgresHistoryStoreTest {

    private PostgresSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresSchema.create();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void the_migrations_run_and_a_batch_of_cycles_reads_back_equal() {
        try (JdbiHistoryStore store = open()) {
            List<CycleRecord> batch = JdbiHistoryStoreTest.sampleBatch("pg-run");
            store.writeCycles(batch);

            for (CycleRecord record : batch) {
                assertThat(store.cycle(record.composeId())).contains(record);
            }
            assertThat(JdbiHistoryStoreTest.rows(store, "cycle_features")).isEqualTo(13);
            assertThat(JdbiHistoryStoreTest.rows(store, "guardrail_verdicts")).isEqualTo(5);
            assertThat(JdbiHistoryStoreTest.rows(store, "portfolio_snapshots")).isEqualTo(4);
            assertThat(store.cycles("pg-run", 2)).extracting(CycleRow::sequence).containsExactly(1L, 2L);
            String positions = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT positions ->> 0 FROM portfolio_snapshots WHERE compose_id = 'pg-run-7'")
                    .mapTo(String.class).one());
            assertThat(positions).contains("\"symbol\": \"ORCL\"");
        }
    }

    @Test
    void a_backtest_block_reads_the_same_as_its_rows() {
        try (JdbiHistoryStore store = open()) {
            List<CycleRecord> batch = JdbiHistoryStoreTest.sampleBatch("pg-rows");
            store.writeCycles(batch);
            List<CycleRecord> same = JdbiHistoryStoreTest.sampleBatch("pg-blocks");
            store.blockSink().writeCycles(same);

            for (CycleRecord record : same) {
                assertThat(store.cycle(record.composeId())).contains(record);
            }
            assertThat(store.cycleCount("pg-blocks")).isEqualTo(store.cycleCount("pg-rows"));
            assertThat(store.lastSequence("pg-blocks")).isEqualTo(store.lastSequence("pg-rows"));
            assertThat(store.equitySeries("pg-blocks", 10)).isEqualTo(store.equitySeries("pg-rows", 10));
            assertThat(store.cycles(CycleFilter.all("pg-blocks", 3)).items()).extracting(CycleSummary::sequence)
                    .isEqualTo(store.cycles(CycleFilter.all("pg-rows", 3)).items().stream()
                            .map(CycleSummary::sequence).toList());
        }
    }

    @Test
    void runs_trades_and_a_history_writer_work_the_same_as_on_H2() {
        try (JdbiHistoryStore store = open()) {
            store.startRun(new RunInfo("pg-run", "sma-orcl", "paper", 5, "{\"slow\": 30, \"fast\": 10}", "feed"));
            var open = new TradeHistoryEntry("sma-orcl-1", "ORCL", 10, 1, 12.5, 0, Double.NaN, 0, 0.1, "a-0", "");
            store.writeTrades("pg-run", List.of(open));
            try (HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(store, 128, 32)) {
                for (long seq = 1; seq <= 1_000; seq++) {
                    writer.submit(SampleCycles.idle("pg-run", seq));
                }
            }
            store.finishRun(new RunSummary("pg-run", 9, "STOPPED", 1_000, 1_000, 1, new BigDecimal("100000.25"),
                    0.0000025, 0, Double.NaN, "", 0));

            assertThat(store.cycleCount("pg-run")).isEqualTo(1_000);
            assertThat(store.trades("pg-run")).containsExactly(open);
            RunRow run = store.runs().getFirst();
            assertThat(run.finalEquity()).isEqualTo(new BigDecimal("100000.25"));
            assertThat(run.sharpe()).isNaN();
            assertThat(run.status()).isEqualTo("STOPPED");
        }
    }

    private JdbiHistoryStore open() {
        return schema.open();
    }
}
