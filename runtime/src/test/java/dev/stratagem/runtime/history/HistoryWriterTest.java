package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {

    private static final String RUN = "bt-writer";

    @TempDir
    Path dir;

    @Test
    void twenty_thousand_records_are_committed_in_submission_order_in_bounded_batches() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            List<Long> committed = Collections.synchronizedList(new ArrayList<>());
            List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
            CycleSink recording = batch -> {
                store.writeCycles(batch);
                batch.forEach(r -> committed.add(r.sequence()));
                batchSizes.add(batch.size());
            };
            int n = 20_000;
            try (HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(recording)) {
                for (long seq = 1; seq <= n; seq++) {
                    writer.submit(seq % 97 == 0 ? SampleCycles.traded(RUN, seq) : SampleCycles.idle(RUN, seq));
                }
                writer.flush();
                assertThat(writer.written()).isEqualTo(n);
            }

            List<Long> expected = LongStream.rangeClosed(1, n).boxed().toList();
            assertThat(committed).isEqualTo(expected);
            assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, HistoryWriter.DEFAULT_BATCH_SIZE));
            assertThat(store.cycleCount(RUN)).isEqualTo(n);
            assertThat(store.cycles(RUN, n)).extracting(CycleRow::sequence).isEqualTo(expected);
            assertThat(store.cycle(SampleCycles.composeId(RUN, 97 * 3))).contains(SampleCycles.traded(RUN, 97 * 3));
        }
    }

    @Test
    void a_record_nobody_wakes_the_writer_for_is_still_written_and_wake_writes_what_is_queued() {
        List<Long> committed = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CycleSink recording = batch -> {
            batch.forEach(r -> committed.add(r.sequence()));
            threads.add(Thread.currentThread().getName());
        };
        try (HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(recording)) {
            writer.submit(SampleCycles.idle(RUN, 1)); // a submit does not wake the writer: its own poll finds it
            Await.until(() -> writer.written() == 1, Duration.ofSeconds(10), "record 1 written");
            for (long seq = 2; seq <= 6; seq++) {
                writer.submit(SampleCycles.idle(RUN, seq));
            }
            writer.wake(); // what a strategy does once its cycle is published
            Await.until(() -> writer.written() == 6, Duration.ofSeconds(10), "records 2-6 written");
        }
        assertThat(committed).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(threads).containsOnly("stratagem-history-writer");
    }

    @Test
    void a_writer_that_died_fails_the_submitter_waiting_for_room_instead_of_hanging_it() throws Exception {
        CountDownLatch dying = new CountDownLatch(1);
        CycleSink fatal = batch -> {
            await(dying);
            throw new OutOfMemoryError("simulated: the writer thread dies"); // an Error is not retried
        };
        HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(fatal, 2, 1);
        List<Throwable> outcome = Collections.synchronizedList(new ArrayList<>());
        Thread submitter = Thread.ofPlatform().start(() -> {
            try {
                for (long seq = 1; seq <= 10; seq++) {
                    writer.submit(SampleCycles.idle(RUN, seq));
                }
            } catch (RuntimeException e) {
                outcome.add(e);
            }
        });
        Await.until(() -> submitter.getState() == Thread.State.TIMED_WAITING && writer.queued() == 2,
                Duration.ofSeconds(10), "the submitter waiting for room");
        dying.countDown();
        submitter.join(Duration.ofSeconds(30));
        assertThat(submitter.isAlive()).isFalse();
        assertThat(outcome).singleElement().isInstanceOf(HistoryWriteException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("history writer thread has stopped"));
        assertThatThrownBy(writer::close).isInstanceOf(HistoryWriteException.class)
                .hasRootCauseInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void flush_returns_once_everything_submitted_before_it_is_committed() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"));
                HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(store, 64, 16)) {
            for (long seq = 1; seq <= 1_000; seq++) {
                writer.submit(SampleCycles.idle(RUN, seq));
            }
            writer.flush();

            assertThat(store.cycleCount(RUN)).isEqualTo(1_000);
            assertThat(writer.written()).isEqualTo(1_000);
            assertThat(writer.queued()).isZero();
            assertThat(writer.lastError()).isNull();
        }
    }

    @Test
    void close_drains_the_queue_and_refuses_later_records() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(store);
            for (long seq = 1; seq <= 3_000; seq++) {
                writer.submit(SampleCycles.idle(RUN, seq));
            }

            writer.close();
            writer.close();

            assertThat(store.cycleCount(RUN)).isEqualTo(3_000);
            assertThatThrownBy(() -> writer.submit(SampleCycles.idle(RUN, 3_001)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(RUN + "-3001");
        }
    }

    @Test
    void a_full_queue_blocks_the_submitter_instead_of_dropping_records() throws Exception {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            CountDownLatch gate = new CountDownLatch(1);
            CycleSink gated = gated(store, gate);
            int capacity = 4;
            int n = 50;
            try (HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(gated, capacity, 2)) {
                AtomicInteger accepted = new AtomicInteger();
                Thread submitter = Thread.ofPlatform().start(() -> {
                    for (long seq = 1; seq <= n; seq++) {
                        writer.submit(SampleCycles.idle(RUN, seq));
                        accepted.incrementAndGet();
                    }
                });

                try {
                    // blocked: it waits for room in slices, checking that the writer is still alive
                    Await.until(() -> submitter.getState() == Thread.State.TIMED_WAITING
                            && writer.queued() == capacity, Duration.ofSeconds(10), "the submitter waiting for room");
                    assertThat(accepted.get()).isLessThanOrEqualTo(capacity + 2);
                    assertThat(submitter.isAlive()).isTrue();
                } finally {
                    gate.countDown();
                }
                submitter.join(Duration.ofSeconds(30));
                assertThat(submitter.isAlive()).isFalse();
                writer.flush();
                assertThat(accepted.get()).isEqualTo(n);
            }
            assertThat(store.cycleCount(RUN)).isEqualTo(n);
        }
    }

    @Test
    void a_second_close_waits_for_the_drain_as_the_first_does() throws Exception {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            CountDownLatch gate = new CountDownLatch(1);
            CycleSink gated = gated(store, gate);
            HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(gated, 16, 4);
            for (long seq = 1; seq <= 8; seq++) {
                writer.submit(SampleCycles.idle(RUN, seq));
            }
            // a shutdown hook and the kernel's stop, say: both close, the first is waiting for the drain
            Thread first = Thread.ofPlatform().start(writer::close);
            Await.until(() -> first.getState() == Thread.State.WAITING, Duration.ofSeconds(10), "the first close waiting");
            AtomicInteger secondReturned = new AtomicInteger();
            Thread second = Thread.ofPlatform().start(() -> {
                writer.close();
                secondReturned.incrementAndGet();
            });
            try {
                Await.until(() -> second.getState() == Thread.State.WAITING || secondReturned.get() > 0,
                        Duration.ofSeconds(10), "the second close waiting or returned");
                assertThat(secondReturned.get()).as("the second close returned before the drain").isZero();
            } finally {
                gate.countDown();
            }
            first.join(Duration.ofSeconds(30));
            second.join(Duration.ofSeconds(30));
            assertThat(secondReturned.get()).isEqualTo(1);
            assertThat(store.cycleCount(RUN)).isEqualTo(8);
        }
    }

    @Test
    void a_record_that_cannot_be_written_is_kept_as_an_error_and_costs_only_itself() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            store.writeCycles(List.of(SampleCycles.idle(RUN, 1)));
            HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(store);
            writer.submit(SampleCycles.idle(RUN, 2));
            writer.submit(SampleCycles.idle(RUN, 1)); // already stored: primary key violation
            writer.submit(SampleCycles.idle(RUN, 3));

            assertThatThrownBy(writer::flush)
                    .isInstanceOf(HistoryWriteException.class)
                    .hasMessageContaining("1 cycle record(s) were not written")
                    .hasCause(writer.lastError());
            assertThatThrownBy(writer::flush).isInstanceOf(HistoryWriteException.class);
            assertThat(writer.written()).isEqualTo(2);
            assertThat(writer.failed()).isEqualTo(1);
            assertThat(store.cycles(RUN, 10)).extracting(CycleRow::sequence).containsExactly(1L, 2L, 3L);
            assertThatThrownBy(writer::close).isInstanceOf(HistoryWriteException.class);
        }
    }

    /**
     * The sink hears of a record only once the writer gives up on it: after its batch failed and it failed alone too,
     * whether its batch held others or only it (a batch of one is tried twice). A sink that throws then does not stop
     * the writer.
     */
    @Test
    void the_sink_is_told_of_a_record_only_when_it_failed_alone_too() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("given-up"))) {
            store.writeCycles(List.of(SampleCycles.idle(RUN, 1)));
            List<Long> attempts = new CopyOnWriteArrayList<>();
            List<Long> givenUp = new CopyOnWriteArrayList<>();
            CycleSink sink = new CycleSink() {
                @Override
                public void writeCycles(List<CycleRecord> batch) {
                    batch.forEach(r -> attempts.add(r.sequence()));
                    store.writeCycles(batch);
                }

                @Override
                public void notWritten(CycleRecord record) {
                    givenUp.add(record.sequence());
                    throw new IllegalStateException("a sink that fails on being told");
                }
            };
            HistoryWriter<CycleRecord> writer = HistoryWriter.cycles(sink);
            writer.submit(SampleCycles.idle(RUN, 1));   // already stored: primary key violation
            assertThatThrownBy(writer::flush).isInstanceOf(HistoryWriteException.class);
            assertThat(attempts).as("a batch of one, then alone").containsExactly(1L, 1L);
            writer.submit(SampleCycles.idle(RUN, 2));
            writer.submit(SampleCycles.idle(RUN, 1));
            writer.submit(SampleCycles.idle(RUN, 3));
            assertThatThrownBy(writer::close).isInstanceOf(HistoryWriteException.class);

            assertThat(givenUp).containsExactly(1L, 1L);
            assertThat(store.cycles(RUN, 10)).extracting(CycleRow::sequence).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void a_writer_needs_a_positive_capacity_and_batch_size() {
        CycleSink nowhere = batch -> { };
        assertThatThrownBy(() -> HistoryWriter.cycles(nowhere, 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> HistoryWriter.cycles(nowhere, 10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize");
    }

    /** @return a sink that writes to the store once the gate opens */
    private static CycleSink gated(JdbiHistoryStore store, CountDownLatch gate) {
        return batch -> {
            await(gate);
            store.writeCycles(batch);
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
