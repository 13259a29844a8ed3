package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.TradeHistoryEntry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbiHistoryStoreTest {

    private static final String RUN = "bt-20250101-0001";

    @TempDir
    Path dir;

    static List<CycleRecord> sampleBatch(String runId) {
        return List.of(SampleCycles.warmup(runId, 1), SampleCycles.idle(runId, 2), SampleCycles.rejected(runId, 3),
                SampleCycles.failed(runId, 4), SampleCycles.traded(runId, 7));
    }

    static long rows(JdbiHistoryStore store, String table) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    @Test
    void opening_a_file_creates_its_folder_and_migrates_the_schema() {
        Path file = dir.resolve("nested/data/stratagem");
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(file)) {
            assertThat(store.runs()).isEmpty();
            assertThat(rows(store, "\"flyway_schema_history\" WHERE \"version\" = '1' AND \"success\"")).isEqualTo(1);
        }
        assertThat(Files.exists(dir.resolve("nested/data/stratagem.mv.db"))).isTrue();
    }

    @Test
    void a_run_ends_with_its_failure_in_full_and_an_overlong_one_cut() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            String failure = "FAILED: java.lang.IllegalStateException: " + "x".repeat(300);
            for (String run : List.of("r-1", "r-2")) {
                store.startRun(new RunInfo(run, "s", "backtest", 1, "{}", "data.csv"));
            }
            store.finishRun(new RunSummary("r-1", 2, failure, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, "", 0));
            store.finishRun(new RunSummary("r-2", 2, failure.repeat(10), 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, "", 0));
            assertThat(store.run("r-1").orElseThrow().status()).isEqualTo(failure);
            assertThat(store.run("r-2").orElseThrow().status()).hasSize(RunSummary.MAX_STATUS).endsWith("…");

            store.startRun(new RunInfo("r-3", "s", "backtest", 1, "{}", "data.csv"));
            assertThat(store.endRun("r-3", 2, failure.repeat(10), 0)).isTrue();   // a backtest's failure path
            assertThat(store.run("r-3").orElseThrow().status()).hasSize(RunSummary.MAX_STATUS).endsWith("…");
        }
    }

    @Test
    void a_run_still_going_shows_its_counts_so_far() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.startRun(new RunInfo(RUN, "s", "paper", 1, "{}", "feed"));
            assertThat(store.run(RUN).orElseThrow()).extracting(RunRow::cycles, RunRow::recordedCycles, RunRow::trades)
                    .containsExactly(0L, 0L, 0);
            store.writeCycles(sampleBatch(RUN));   // sequences 1, 2, 3, 4 and 7; at 7 the digest counts 3 trades
            RunRow going = store.runs().getFirst();
            assertThat(going.status()).isEqualTo(JdbiHistoryStore.RUNNING);
            assertThat(going).extracting(RunRow::cycles, RunRow::recordedCycles, RunRow::trades)
                    .containsExactly(7L, 5L, 3);
            store.finishRun(new RunSummary(RUN, 2, "STOPPED: operator", 9, 5, 4, BigDecimal.TEN, 0, 0, 0, "", 0));
            assertThat(store.run(RUN).orElseThrow()).extracting(RunRow::cycles, RunRow::recordedCycles, RunRow::trades)
                    .containsExactly(9L, 5L, 4);
        }
    }

    @Test
    void a_run_recorded_in_blocks_shows_its_counts_so_far_and_keeps_them_when_it_ends_without_a_summary() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.startRun(new RunInfo(RUN, "s", "backtest", 1, "{}", "data.csv"));
            store.blockSink().writeCycles(sampleBatch(RUN));   // as a backtest records: in blocks
            assertThat(store.run(RUN).orElseThrow()).extracting(RunRow::cycles, RunRow::recordedCycles, RunRow::trades)
                    .containsExactly(7L, 5L, 3);

            assertThat(store.endRun(RUN, 2, "INTERRUPTED: stopped", 4)).isTrue();   // Ctrl-C, or a failure

            RunRow ended = store.run(RUN).orElseThrow();
            assertThat(ended.finished()).isTrue();
            assertThat(ended).extracting(RunRow::status, RunRow::finishedAt, RunRow::cycles, RunRow::recordedCycles,
                    RunRow::trades, RunRow::skippedRows).containsExactly("INTERRUPTED: stopped", 2L, 7L, 5L, 3, 4);
            assertThat(ended.finalEquity()).isNull();
            assertThat(store.endRun(RUN, 3, "FAILED: later", 0)).isFalse();   // an ended run stays as it ended
            assertThat(store.run(RUN).orElseThrow().status()).isEqualTo("INTERRUPTED: stopped");
        }
    }

    @Test
    void every_cycle_of_a_batch_reads_back_equal() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            List<CycleRecord> batch = sampleBatch(RUN);
            store.writeCycles(batch);

            for (CycleRecord record : batch) {
                assertThat(store.cycle(record.composeId())).contains(record);
            }
            assertThat(store.cycle("no-such-cycle")).isEmpty();
            assertThat(store.cycleCount(RUN)).isEqualTo(5);
        }
    }

    @Test
    void a_batch_spreads_over_every_table() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(sampleBatch(RUN));

            assertThat(rows(store, "cycles")).isEqualTo(5);
            // warmup 3 + idle 3 + rejected 1 + failed 2 + traded (3 ORCL + 1 MSFT)
            assertThat(rows(store, "cycle_features")).isEqualTo(13);
            assertThat(rows(store, "instructions")).isEqualTo(1 + 3);
            assertThat(rows(store, "guardrail_verdicts")).isEqualTo(1 + 4);
            assertThat(rows(store, "tx_results")).isEqualTo(3);
            assertThat(rows(store, "portfolio_snapshots")).isEqualTo(4); // the failed cycle has none
            assertThat(rows(store, "digests")).isEqualTo(5);
            assertThat(rows(store, "component_versions")).isEqualTo(5 * 3);
            assertThat(rows(store, "trades")).isZero();
        }
    }

    @Test
    void filterable_facts_are_real_columns_and_NaN_is_stored_as_null() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(sampleBatch(RUN));

            var failed = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT compose_id, error_step, error_reason, total_nanos FROM cycles WHERE status = 'FAILED'")
                    .mapToMap().one());
            assertThat(failed).containsEntry("compose_id", RUN + "-4").containsEntry("error_step", "DECISION");
            assertThat((String) failed.get("error_reason")).startsWith("composer sma-crossover threw");
            assertThat(failed.get("total_nanos")).isEqualTo(SampleCycles.failed(RUN, 4).timings().total());

            long nullFeatures = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM cycle_features WHERE feature_value IS NULL").mapTo(Long.class).one());
            assertThat(nullFeatures).isEqualTo(1); // the warm-up's sma_30

            var rejectedCheck = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT check_id FROM guardrail_verdicts WHERE outcome = 'REJECTED' AND qty_before IS NULL")
                    .mapTo(String.class).one());
            assertThat(rejectedCheck).isEqualTo("finite-size");

            double fillPrice = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT fill_price FROM tx_results WHERE status = 'FILLED'").mapTo(Double.class).one());
            assertThat(fillPrice).isEqualTo(13.15);
        }
    }

    @Test
    void a_batch_with_a_duplicate_cycle_is_written_entirely_or_not_at_all() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(List.of(SampleCycles.idle(RUN, 1)));
            List<CycleRecord> batch = List.of(SampleCycles.idle(RUN, 2), SampleCycles.traded(RUN, 7),
                    SampleCycles.idle(RUN, 1));

            assertThatThrownBy(() -> store.writeCycles(batch)).isNotNull();

            assertThat(store.cycleCount(RUN)).isEqualTo(1);
            assertThat(rows(store, "cycle_features")).isEqualTo(3);
            assertThat(rows(store, "tx_results")).isZero();
        }
    }

    @Test
    void a_file_that_is_not_a_history_is_named_and_left_as_it_was() throws IOException {
        Path file = dir.resolve("notes.mv.db");
        byte[] text = "these are my notes, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, text);
        assertThatThrownBy(() -> JdbiHistoryStore.openFile(dir.resolve("notes")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(file + " is not a history file this runtime can read (damaged, another program's, or"
                        + " written by another H2 version): move it away, or pass --db for another history file");
        assertThat(Files.readAllBytes(file)).isEqualTo(text);
        assertThat(dir.resolve("notes.trace.db")).doesNotExist();
    }

    @Test
    void cycle_rows_come_in_sequence_order_page_by_page() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(sampleBatch(RUN));
            store.writeCycles(sampleBatch("other-run"));

            List<CycleRow> first = store.cycles(RUN, 3);
            assertThat(first).extracting(CycleRow::sequence).containsExactly(1L, 2L, 3L);
            assertThat(first.get(1)).isEqualTo(new CycleRow(RUN + "-2", 2, SampleCycles.T0 + 2 * SampleCycles.DAY,
                    CycleStatus.IDLE, "no crossover", "", ""));
            assertThat(first.getFirst().rationale()).isEmpty();
            List<CycleRow> next = store.cycles(RUN, 3, 10);
            assertThat(next).extracting(CycleRow::status).containsExactly(CycleStatus.FAILED, CycleStatus.TRADED);
            assertThat(next.getFirst().errorStep()).as("a failed row says why, without its record")
                    .isEqualTo("DECISION");
            assertThat(next.getFirst().errorReason()).startsWith("composer sma-crossover threw: index 30");
            assertThat(next.getLast().errorStep()).isEmpty();
        }
    }

    @Test
    void a_run_is_running_until_it_is_finished_with_its_summary() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.startRun(new RunInfo(RUN, "sma-orcl", "backtest", 1_000, "{\"fast\": 10, \"slow\": 30}",
                    "data/orcl-1995-2014.txt"));

            RunRow running = store.run(RUN).orElseThrow();
            assertThat(running.finished()).isFalse();
            assertThat(running.status()).isEqualTo(JdbiHistoryStore.RUNNING);
            assertThat(running.finalEquity()).isNull();
            assertThat(running.sharpe()).isNaN();
            assertThat(running.configJson()).contains("\"fast\"", "10");

            store.finishRun(new RunSummary(RUN, 2_000, "COMPLETED", 4_783, 312, 21,
                    new BigDecimal("104212.337500"), 0.042123375, -0.1311, Double.NaN, "9f86d081884c7d65", 2));

            assertThat(store.run(RUN)).contains(new RunRow(RUN, "sma-orcl", "backtest", 1_000, running.configJson(),
                    "data/orcl-1995-2014.txt", "COMPLETED", 2_000, 4_783, 312, 21, new BigDecimal("104212.3375"),
                    0.042123375, -0.1311, Double.NaN, "9f86d081884c7d65", 2));
        }
    }

    @Test
    void runs_are_listed_newest_first() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.startRun(new RunInfo("old", "a", "backtest", 1_000, null, null));
            store.startRun(new RunInfo("new", "a", "paper", 3_000, null, null));
            store.startRun(new RunInfo("mid", "b", "live", 2_000, null, null));

            assertThat(store.runs()).extracting(RunRow::runId).containsExactly("new", "mid", "old");
            assertThat(store.run("missing")).isEmpty();
        }
    }

    @Test
    void finishing_a_run_that_never_started_is_an_error_naming_the_run() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            assertThatThrownBy(() -> store.finishRun(new RunSummary("ghost", 1, "COMPLETED", 0, 0, 0, null,
                    Double.NaN, Double.NaN, Double.NaN, "", 0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'ghost'");
        }
    }

    @Test
    void writing_trades_replaces_the_runs_list_and_keeps_an_open_trades_NaN_exit() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            var first = new TradeHistoryEntry("sma-orcl-1", "ORCL", 100, 1_000, 12.5, 5_000, 13.25, 75.0, 2.58,
                    "r-1-0", "r-5-0");
            var open = new TradeHistoryEntry("sma-orcl-2", "ORCL", -40, 6_000, 13.5, 0, Double.NaN, 0, 0.54,
                    "r-6-0", "");
            store.writeTrades(RUN, List.of(first));
            store.writeTrades("other", List.of(first));

            store.writeTrades(RUN, List.of(first, open));

            assertThat(store.trades(RUN)).containsExactly(first, open);
            assertThat(store.trades(RUN).get(1).exitPrice()).isNaN();
            assertThat(store.trades("other")).containsExactly(first);
            long openRows = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM trades WHERE is_open AND exit_price IS NULL").mapTo(Long.class).one());
            assertThat(openRows).isEqualTo(1);
        }
    }

    @Test
    void trade_order_survives_ids_that_do_not_sort_as_text() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            List<TradeHistoryEntry> trades = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                trades.add(new TradeHistoryEntry("s-" + i, "ORCL", 1, i, 10, i + 1, 11, 1, 0, "e" + i, "x" + i));
            }
            store.writeTrades(RUN, trades);

            assertThat(store.trades(RUN)).isEqualTo(trades);
        }
    }

    @Test
    void a_trade_list_longer_than_one_jdbc_batch_is_written_whole_and_in_order() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            List<TradeHistoryEntry> trades = new ArrayList<>();
            for (int i = 1; i <= 9_000; i++) {   // two full batches of 4,096 and a part
                trades.add(new TradeHistoryEntry("t-" + i, "ORCL", i % 7 - 3.5, i, 10 + i * 0.01, i + 1,
                        i == 9_000 ? Double.NaN : 11, 1, 0.5, "e" + i, i == 9_000 ? "" : "x" + i));
            }
            store.writeTrades(RUN, trades);

            assertThat(store.trades(RUN)).isEqualTo(trades);
        }
    }

    @Test
    void a_trade_list_that_cannot_be_written_names_the_run_and_keeps_the_list_before() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            var kept = new TradeHistoryEntry("k-1", "ORCL", 1, 1, 10, 2, 11, 1, 0, "e1", "x1");
            store.writeTrades(RUN, List.of(kept));
            var twice = new TradeHistoryEntry("d-1", "ORCL", 1, 1, 10, 2, 11, 1, 0, "e1", "x1");

            assertThatThrownBy(() -> store.writeTrades(RUN, List.of(twice, twice)))   // the primary key refuses it
                    .isInstanceOf(HistoryWriteException.class)
                    .hasMessageContaining("2 trade(s) of run " + RUN);
            assertThat(store.trades(RUN)).containsExactly(kept);
        }
    }

    @Test
    void reopening_the_same_file_keeps_the_data_and_does_not_migrate_twice() {
        Path file = dir.resolve("history");
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(file)) {
            store.startRun(new RunInfo(RUN, "sma-orcl", "backtest", 1_000, "{}", ""));
            store.writeCycles(sampleBatch(RUN));
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("history.mv.db"))) {
            assertThat(store.run(RUN)).isPresent();
            assertThat(store.cycleCount(RUN)).isEqualTo(5);
            assertThat(store.cycle(RUN + "-7")).contains(SampleCycles.traded(RUN, 7));
            assertThat(rows(store, "\"flyway_schema_history\" WHERE \"version\" = '1' AND \"success\"")).isEqualTo(1);
        }
    }

    @Test
    void an_unknown_database_url_is_refused_by_name() {
        assertThatThrownBy(() -> JdbiHistoryStore.open("jdbc:mysql://localhost/x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://localhost/x");
    }
}
