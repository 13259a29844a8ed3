package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.CycleRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backtest's cycles, encoded as they come and stored a block at a time, on a real H2 file. */
class BlockRecorderTest {

    private JdbiHistoryStore store;

    @BeforeEach
    void open(@TempDir Path dir) {
        store = JdbiHistoryStore.openFile(dir.resolve("stratagem"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void cycles_are_stored_in_blocks_of_512_and_read_back_equal() {
        String run = "bt-recorder";
        List<CycleRecord> made = new ArrayList<>();
        for (long seq = 1; seq <= 1100; seq++) {
            made.add(seq % 3 == 0 ? SampleCycles.traded(run, seq) : SampleCycles.idle(run, seq));
        }
        try (BlockRecorder recorder = store.blockRecorder()) {
            made.forEach(recorder::record);
        }

        assertThat(headers(run)).extracting(CycleBlocks.Header::cycles).containsExactly(512, 512, 76);
        assertThat(stored(run)).isEqualTo(made);
    }

    @Test
    void a_record_that_cannot_be_encoded_is_left_out_counted_and_reported_at_close() {
        String run = "bt-runaway";
        List<CycleRecord> made = new ArrayList<>();
        for (long seq = 1; seq <= 6; seq++) {
            made.add(SampleCycles.traded(run, seq));
        }
        BlockRecorder recorder = store.blockRecorder();
        for (CycleRecord r : made) {
            recorder.record(r.sequence() == 4
                    ? SampleCycles.withThrowingRationale(r, new StackOverflowError("runaway rationale")) : r);
        }

        assertThatThrownBy(recorder::close).isInstanceOf(HistoryWriteException.class)
                .hasMessageContaining("1 cycle record(s) were not written")
                .hasCauseInstanceOf(StackOverflowError.class);
        List<CycleRecord> kept = new ArrayList<>(made);
        kept.remove(3);
        assertThat(stored(run)).as("the block went on without it").isEqualTo(kept);
    }

    @Test
    void an_error_the_encoder_cannot_go_on_after_stops_the_writer_and_close_counts_every_record_lost() {
        String run = "bt-oom";
        BlockRecorder recorder = store.blockRecorder();
        for (long seq = 1; seq <= 6; seq++) {
            CycleRecord r = SampleCycles.traded(run, seq);
            recorder.record(seq == 4 ? SampleCycles.withThrowingRationale(r, new OutOfMemoryError("simulated")) : r);
        }

        assertThatThrownBy(recorder::close).isInstanceOf(HistoryWriteException.class)
                .hasMessageContaining("6 cycle record(s) were not written")
                .hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(stored(run)).as("none of the hand-over, not half of it").isEmpty();
    }

    @Test
    void a_block_holds_one_run() {
        try (BlockRecorder recorder = store.blockRecorder()) {
            recorder.record(SampleCycles.idle("bt-one", 1));
            recorder.record(SampleCycles.idle("bt-one", 2));
            recorder.record(SampleCycles.traded("bt-two", 1));
        }

        assertThat(headers("bt-one")).extracting(CycleBlocks.Header::cycles).containsExactly(2);
        assertThat(headers("bt-two")).extracting(CycleBlocks.Header::cycles).containsExactly(1);
    }

    @Test
    void a_block_stored_already_is_skipped_and_one_overlapping_it_is_refused() {
        String run = "bt-retry";
        CycleBlocks blocks = (CycleBlocks) store.blockSink();
        BlockBuilder builder = new BlockBuilder();
        builder.add(SampleCycles.idle(run, 1));
        builder.add(SampleCycles.traded(run, 2));
        CycleBlock first = builder.seal();
        builder.add(SampleCycles.traded(run, 2));
        builder.add(SampleCycles.idle(run, 3));
        CycleBlock overlapping = builder.seal();

        blocks.writeBlocks(List.of(first));
        blocks.writeBlocks(List.of(first)); // a retry of a batch the database committed after reporting a failure

        assertThat(headers(run)).hasSize(1);
        assertThatThrownBy(() -> blocks.writeBlocks(List.of(overlapping))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycles 2..3 of run " + run).hasMessageContaining("ends at 2");
    }

    private List<CycleBlocks.Header> headers(String run) {
        return store.jdbi().withHandle(h -> CycleBlocks.headers(h, run, 0));
    }

    private List<CycleRecord> stored(String run) {
        return store.jdbi().withHandle(h -> CycleBlocks.headers(h, run, 0).stream()
                .flatMap(b -> CycleBlocks.records(h, run, b.firstSeq()).stream()).toList());
    }
}
