package dev.stratagem.plugins.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal (idempotency across restarts) and the latency model of the paper gateway. */
class PaperGatewayRestartTest {

    @TempDir
    Path tmp;

    private final FixedMarketWindow market = new FixedMarketWindow()
            .add(new Candle("ORCL", 1_000, 9.5, 10, 9, 9.8, 1_000));

    private static PaperExecutionGateway gateway(Map<String, ?> params) {
        PaperExecutionGateway g = new PaperExecutionGateway();
        g.configure(Parameters.of(params));
        return g;
    }

    @Test
    void a_restarted_gateway_answers_a_resend_of_an_executed_id_with_the_original_fill_and_trades_nothing() throws Exception {
        Path journal = tmp.resolve("venue/run-1.journal");
        TradeInstruction buy = TradeInstruction.buy("ORCL", 100).withId("run-1-7-1");
        PaperExecutionGateway first = gateway(Map.of("journal", journal.toString()));
        first.submit(List.of(buy), market).toCompletableFuture().join();
        List<TxResult> fills = first.onBar(new Candle("ORCL", 2_000, 10, 10.5, 9.9, 10.2, 1_000));
        assertThat(fills).containsExactly(TxResult.filled(buy, 10, 0, 2_000));
        assertThat(Files.readAllLines(journal)).hasSize(1);

        PaperExecutionGateway second = gateway(Map.of("journal", journal.toString()));
        TxResult again = second.submit(List.of(buy), market).toCompletableFuture().join().getFirst();
        assertThat(again).as("re-sent before the bar it filled on: acknowledged as then")
                .isEqualTo(TxResult.accepted(buy, 1_000));
        assertThat(second.onBar(new Candle("ORCL", 2_000, 99, 99, 99, 99, 1_000)))
                .as("the original fill, on the original bar, whatever this bar says").containsExactly(fills.getFirst());
        assertThat(second.onBar(new Candle("ORCL", 3_000, 11, 11, 11, 11, 1_000))).isEmpty();

        PaperExecutionGateway third = gateway(Map.of("journal", journal.toString()));
        FixedMarketWindow later = new FixedMarketWindow().add(new Candle("ORCL", 5_000, 12, 12, 12, 12, 1_000));
        TxResult late = third.submit(List.of(buy), later).toCompletableFuture().join().getFirst();
        assertThat(late.status()).as("re-sent after the bar it filled on: the fill at once").isEqualTo(TxStatus.FILLED);
        assertThat(late.fillPrice()).isEqualTo(10);
        assertThat(late.reason()).contains("already executed");
        assertThat(third.working().size()).isZero();
        assertThat(Files.readAllLines(journal)).as("a replayed fill is not journaled twice").hasSize(1);
    }

    @Test
    void an_id_that_was_only_acknowledged_before_the_restart_works_again() {
        Path journal = tmp.resolve("j");
        TradeInstruction buy = TradeInstruction.buy("ORCL", 5).withId("r-1-1");
        gateway(Map.of("journal", journal.toString())).submit(List.of(buy), market);
        PaperExecutionGateway second = gateway(Map.of("journal", journal.toString()));
        assertThat(second.submit(List.of(buy), market).toCompletableFuture().join().getFirst().status())
                .isEqualTo(TxStatus.ACCEPTED);
    }

    @Test
    void a_torn_last_line_of_the_journal_is_ignored() throws Exception {
        Path journal = tmp.resolve("j");
        Files.writeString(journal, "a-1-1\tORCL\tBUY\tFILLED\t5.0\t10.0\t0.0\t2000\nb-1-1\tORCL\tBU");
        PaperExecutionGateway g = gateway(Map.of("journal", journal.toString()));
        TxResult r = g.submit(List.of(TradeInstruction.buy("ORCL", 5).withId("b-1-1")), market)
                .toCompletableFuture().join().getFirst();
        assertThat(r.status()).isEqualTo(TxStatus.ACCEPTED);
    }

    @Test
    void latency_delays_the_acknowledgement_and_the_same_seed_gives_the_same_delays() throws Exception {
        PaperExecutionGateway g = gateway(Map.of("latencyMs", 30, "latencyJitterMs", 20, "seed", 3));
        long start = System.nanoTime();
        CompletableFuture<List<TxResult>> f = g.submit(List.of(TradeInstruction.buy("ORCL", 1).withId("x-1")), market)
                .toCompletableFuture();
        assertThat(f.get(5, TimeUnit.SECONDS).getFirst().status()).isEqualTo(TxStatus.ACCEPTED);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        assertThat(g.config().latencyMs()).isEqualTo(30);
    }
}
