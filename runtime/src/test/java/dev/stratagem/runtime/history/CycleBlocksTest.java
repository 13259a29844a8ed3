package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backtest's history in blocks reads the same as the same cycles in rows: a real backtest (SMA 10/30 on ORCL
 * with a max order notional that clamps early orders and rejects later ones, record level all) writes blocks;
 * its records, copied into a second database as rows, must give every read of the console, the API and the CLI
 * the same answer. Hand-built records add the statuses a backtest rarely has (FAILED) and NaN values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CycleBlocksTest {

    private String run;
    private List<CycleRecord> records;
    private JdbiHistoryStore blocks;
    private JdbiHistoryStore rows;

    @BeforeAll
    void a_backtest_in_blocks_and_its_records_copied_to_rows(@TempDir Path dir) throws Exception {
        Path strategy = dir.resolve("guarded.yaml");
        Files.writeString(strategy, Files.readString(TestPaths.strategies().resolve("sma-crossover-orcl.yaml"))
                .replace("  maxLeverage: 1.0", "  maxLeverage: 1.0\n  maxOrderNotional: 10"));
        Path blockDb = dir.resolve("blocks").resolve("stratagem");
        BacktestResult result = BacktestRunner.run(new BacktestRequest(strategy,
                List.of(TestPaths.data().resolve("orcl-1995-2014.txt")), null, null, null, null, null,
                RecordLevel.ALL, false, TestPaths.plugins(), blockDb));
        run = result.runId();
        blocks = JdbiHistoryStore.openFile(blockDb);
        records = blocks.jdbi().withHandle(h -> CycleBlocks.headers(h, run, 0).stream()
                .flatMap(b -> CycleBlocks.records(h, run, b.firstSeq()).stream()).toList());
        rows = JdbiHistoryStore.openFile(dir.resolve("rows").resolve("stratagem"));
        for (int i = 0; i < records.size(); i += 500) {
            rows.writeCycles(records.subList(i, Math.min(records.size(), i + 500)));
        }
    }

    @AfterAll
    void close() {
        blocks.close();
        rows.close();
    }

    @Test
    void the_backtest_wrote_blocks_of_every_cycle_and_no_rows() {
        assertThat(records).hasSize((int) blocks.cycleCount(run)).hasSizeGreaterThan(4_000);
        assertThat(records).extracting(CycleRecord::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, records.size()).boxed().toList());
        assertThat(records).extracting(CycleRecord::status).contains(CycleStatus.WARMUP, CycleStatus.IDLE,
                CycleStatus.TRADED, CycleStatus.REJECTED);
        Long blockCount = blocks.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM cycle_blocks WHERE run_id = ?").bind(0, run).mapTo(Long.class).one());
        assertThat(blockCount).isBetween(1L, (long) records.size() / 8);
        Long rowCount = blocks.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM cycles").mapTo(Long.class).one());
        assertThat(rowCount).isZero();
    }

    @Test
    void counts_cursors_and_the_last_cycle_read_the_same() {
        same(s -> s.cycleCount(run));
        same(s -> s.lastSequence(run));
        same(s -> s.lastEquity(run));
        for (long after : new long[] {0, 1, 29, 511, 512, 513, 2_000, records.size() - 3, records.size()}) {
            same(s -> s.cycles(run, after, 40));
        }
        same(s -> s.cycles(run, 0, Integer.MAX_VALUE));
    }

    @Test
    void every_filtered_page_reads_the_same_page_after_page() {
        long t0 = records.get(1_000).ts();
        long t1 = records.get(3_000).ts();
        List<CycleFilter> filters = new ArrayList<>();
        for (CycleStatus status : CycleStatus.values()) {
            filters.add(new CycleFilter(run, status, null, null, null, null, null, 0, 37));
        }
        filters.add(new CycleFilter(run, null, null, null, t0, t1, null, 0, 97));
        filters.add(new CycleFilter(run, CycleStatus.TRADED, null, null, t0, null, null, 0, 5));
        filters.add(new CycleFilter(run, null, null, null, null, t0, null, 0, 500));
        filters.add(new CycleFilter(run, null, null, null, null, null, run + "-12", 0, 50));
        for (String prefix : new String[] {run, "bt-", run + "-4", run + "-0", run + "-x", "no-such-run-1"}) {
            filters.add(new CycleFilter(run, null, null, null, null, null, prefix, 0, 64));
        }
        filters.add(new CycleFilter(run, CycleStatus.TRADED, null, null, null, null, run + "-3", 700, 3));
        filters.add(new CycleFilter(run, null, "sma-crossover", null, null, null, null, 100, 211));
        filters.add(new CycleFilter(run, null, "sma-crossover", "no-such-version", null, null, null, 0, 10));
        filters.add(new CycleFilter(run, null, "no-such-component", null, null, null, null, 0, 10));
        for (CycleFilter first : filters) {
            List<List<CycleSummary>> fromBlocks = pages(blocks, first);
            assertThat(fromBlocks).as("pages of %s", first).isEqualTo(pages(rows, first));
        }
    }

    @Test
    void a_component_filter_skips_without_decoding_a_block_whose_bytes_lack_the_component(@TempDir Path dir) {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("skip"))) {
            store.blockSink().writeCycles(records.subList(0, 100));
            byte[] unreadable = new byte[64];
            java.util.Arrays.fill(unreadable, (byte) 0xFF);
            store.jdbi().useHandle(h -> h.createUpdate("UPDATE cycle_blocks SET payload = ?").bind(0, unreadable)
                    .execute());

            assertThat(store.cycles(new CycleFilter(run, null, "no-such-component", null, null, null, null, 0, 10))
                    .items()).isEmpty();
            assertThatThrownBy(() -> store.cycles(new CycleFilter(run, null, null, null, null, null, null, 0, 10)))
                    .hasMessageContaining("is not readable");
        }
    }

    @Test
    void bytes_are_found_anywhere_in_a_payload() {
        byte[] payload = "..sma-crossover..".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(CycleBlocks.contains(payload, "sma-crossover".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(CycleBlocks.contains(payload, "..".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isTrue();
        assertThat(CycleBlocks.contains(payload, "sma-crossover-".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(CycleBlocks.contains(new byte[2], new byte[3])).isFalse();
    }

    private static List<List<CycleSummary>> pages(JdbiHistoryStore store, CycleFilter first) {
        List<List<CycleSummary>> pages = new ArrayList<>();
        CycleFilter f = first;
        for (int i = 0; i < 400; i++) {
            CyclePage page = store.cycles(f);
            pages.add(page.items());
            if (page.nextAfter() == null) {
                return pages;
            }
            f = new CycleFilter(f.runId(), f.status(), f.componentId(), f.componentVersion(), f.fromTs(), f.toTs(),
                    f.composeIdPrefix(), page.nextAfter(), f.limit());
        }
        return pages;
    }

    @Test
    void charts_and_single_cycles_read_the_same() {
        for (int points : new int[] {2, 100, 5_000}) {
            same(s -> s.equitySeries(run, points));
            same(s -> s.featureSeries(run, "close", points));
            same(s -> s.featureSeries(run, "sma_30", points));
            same(s -> s.priceSeries(run, "close", points));
            same(s -> s.priceSeries(run, "sma_10", points));
        }
        assertThat(blocks.priceSeries(run, "close", 100).candles()).isTrue();
        assertThat(blocks.equitySeries(run, 100)).as("every cycle recorded: exactly the points asked").hasSize(100)
                .last().extracting(SeriesPoint::sequence).isEqualTo((long) records.size());
        for (int i : new int[] {0, 1, 511, 512, records.size() - 1}) {
            String id = records.get(i).composeId();
            same(s -> s.cycle(id));
            assertThat(CycleJson.fromJson(blocks.cycleJson(id).orElseThrow()))
                    .isEqualTo(CycleJson.fromJson(rows.cycleJson(id).orElseThrow()));
        }
        same(s -> s.cycle(run + "-" + (records.size() + 1)));
        same(s -> s.cycle(run + "-x"));
        same(s -> s.cycle("no-such-run-1"));
    }

    @Test
    void statuses_a_backtest_rarely_has_and_nan_values_survive_a_block() {
        String hand = "bt-hand-made";
        List<CycleRecord> made = List.of(SampleCycles.warmup(hand, 1), SampleCycles.traded(hand, 2),
                SampleCycles.rejected(hand, 3), SampleCycles.failed(hand, 4), SampleCycles.traded(hand, 5));
        assertThat(CycleBlockCodec.decode(CycleBlockCodec.FORMAT, CycleBlockCodec.encode(made), "test"))
                .isEqualTo(made);
        blocks.blockSink().writeCycles(made.subList(0, 3));
        blocks.blockSink().writeCycles(made.subList(3, 5));
        rows.writeCycles(made);
        for (CycleStatus status : CycleStatus.values()) {
            same(s -> s.cycles(new CycleFilter(hand, status, null, null, null, null, null, 0, 10)));
        }
        same(s -> s.featureSeries(hand, "sma_30", 10));
        same(s -> s.cycles(hand, 0, 10));
        for (CycleRecord r : made) {
            same(s -> s.cycle(r.composeId()));
        }
    }

    @Test
    void a_retried_record_that_a_committed_block_holds_is_not_stored_twice() {
        String retried = "bt-retried";
        List<CycleRecord> made = List.of(SampleCycles.warmup(retried, 1), SampleCycles.traded(retried, 2),
                SampleCycles.rejected(retried, 3));
        blocks.blockSink().writeCycles(made);
        blocks.blockSink().writeCycles(List.of(made.get(1))); // as HistoryWriter's one-by-one retry would
        blocks.blockSink().writeCycles(made.subList(1, 3));
        blocks.blockSink().writeCycles(List.of(SampleCycles.failed(retried, 4)));
        assertThat(blocks.cycleCount(retried)).isEqualTo(4);
        assertThat(blocks.cycles(retried, 0, 10)).extracting(CycleRow::sequence).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void an_error_while_a_batch_is_encoded_rolls_its_blocks_back_and_the_retry_stores_them() {
        CycleRecord good = SampleCycles.traded("bt-before-error", 1);
        CycleRecord traded = SampleCycles.traded("bt-error", 1);
        // an Error (not an exception) from the lazy rationale, as a runaway plugin could throw while it is read
        CycleRecord bad = SampleCycles.withThrowingRationale(traded, new StackOverflowError("runaway rationale"));

        assertThatThrownBy(() -> blocks.blockSink().writeCycles(List.of(good, bad)))
                .isInstanceOf(StackOverflowError.class);
        assertThat(blocks.cycleCount("bt-before-error")).as("the batch's first block, rolled back").isZero();
        // the same block again: an open transaction still holding the first insert would make this one wait and fail
        blocks.blockSink().writeCycles(List.of(good));
        assertThat(blocks.cycleCount("bt-before-error")).isEqualTo(1);
    }

    @Test
    void an_unreadable_block_names_the_run_and_the_block() {
        String bad = "bt-broken";
        blocks.blockSink().writeCycles(List.of(SampleCycles.traded(bad, 1)));
        blocks.jdbi().useHandle(h -> h.createUpdate("UPDATE cycle_blocks SET payload = ? WHERE run_id = ?")
                .bind(0, new byte[] {1, 2, 3}).bind(1, bad).execute());
        assertThatThrownBy(() -> blocks.cycles(bad, 0, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle block " + bad + " from 1 is not readable");
        blocks.jdbi().useHandle(h -> h.createUpdate("UPDATE cycle_blocks SET format = 99 WHERE run_id = ?")
                .bind(0, bad).execute());
        assertThatThrownBy(() -> blocks.cycles(bad, 0, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has format 99");
    }

    @Test
    void a_chart_of_a_run_that_recorded_a_few_cycles_here_and_there_has_a_point_in_every_stretch(@TempDir Path dir) {
        // as record activity keeps them: every 13th cycle, and the last
        List<CycleRecord> sparse = records.stream()
                .filter(r -> r.sequence() % 13 == 0 || r.sequence() == records.size()).toList();
        try (JdbiHistoryStore sparseBlocks = JdbiHistoryStore.openFile(dir.resolve("blocks"));
                JdbiHistoryStore sparseRows = JdbiHistoryStore.openFile(dir.resolve("rows"))) {
            try (BlockRecorder recorder = sparseBlocks.blockRecorder()) {
                sparse.forEach(recorder::record);
            }
            sparseRows.writeCycles(sparse);
            for (int points : new int[] {2, 100, 5_000}) {
                List<SeriesPoint> chart = sparseBlocks.equitySeries(run, points);
                assertThat(chart).isEqualTo(sparseRows.equitySeries(run, points))
                        .hasSize(Math.min(points, sparse.size()));
                assertThat(chart.getLast().sequence()).isEqualTo(records.size());
                assertThat(sparseBlocks.featureSeries(run, "sma_30", points))
                        .isEqualTo(sparseRows.featureSeries(run, "sma_30", points));
            }
        }
    }

    private <T> void same(Function<JdbiHistoryStore, T> read) {
        assertThat(read.apply(blocks)).isEqualTo(read.apply(rows));
    }
}
