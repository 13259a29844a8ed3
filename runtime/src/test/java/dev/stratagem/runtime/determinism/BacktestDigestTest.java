package dev.stratagem.runtime.determinism;

import static dev.stratagem.runtime.determinism.DeterminismFixtures.ORCL_SMA_DIGEST;
import static dev.stratagem.runtime.determinism.DeterminismFixtures.orcl;
import static dev.stratagem.runtime.determinism.DeterminismFixtures.request;
import static dev.stratagem.runtime.determinism.DeterminismFixtures.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.cli.StratagemCommand;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result digest of the ORCL SMA backtest is pinned, is the same at every record level, in one JVM and
 * in a second JVM started through the CLI, and moves when a single input byte moves.
 */
class BacktestDigestTest {

    @TempDir
    Path tmp;

    @Test
    void the_orcl_sma_backtest_gives_the_pinned_digest_at_every_record_level() {
        assertThat(BacktestRunner.run(request(orcl(), RecordLevel.SUMMARY, null)).resultDigest())
                .isEqualTo(ORCL_SMA_DIGEST);
        assertThat(BacktestRunner.run(request(orcl(), RecordLevel.ACTIVITY, tmp.resolve("activity"))).resultDigest())
                .isEqualTo(ORCL_SMA_DIGEST);
        assertThat(BacktestRunner.run(request(orcl(), RecordLevel.ALL, tmp.resolve("all"))).resultDigest())
                .isEqualTo(ORCL_SMA_DIGEST);
    }

    @Test
    void two_backtests_in_one_jvm_give_the_same_digest() {
        BacktestResult first = BacktestRunner.run(request(orcl(), RecordLevel.SUMMARY, null));
        BacktestResult second = BacktestRunner.run(request(orcl(), RecordLevel.SUMMARY, null));
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.resultDigest()).isEqualTo(first.resultDigest()).isEqualTo(ORCL_SMA_DIGEST);
    }

    @Test
    void a_backtest_in_a_second_jvm_gives_the_same_digest() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                StratagemCommand.class.getName(), "backtest", "--strategy", strategy().toString(),
                "--data", orcl().toString(), "--plugins", TestPaths.plugins().toString(), "--json", "--no-db"));
        Process process = new ProcessBuilder(command).redirectError(tmp.resolve("stderr.txt").toFile())
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .directory(tmp.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("second JVM finished in time").isTrue();
        String out = Files.readString(tmp.resolve("stdout.txt"));
        assertThat(process.exitValue()).as("exit code; stderr: %s", Files.readString(tmp.resolve("stderr.txt")))
                .isZero();
        int start = out.indexOf("\n{") + 1;
        assertThat(out.startsWith("{") || start > 0).as("JSON in the second JVM's output: %s", out).isTrue();
        String json = out.startsWith("{") ? out : out.substring(start);
        assertThat(new ObjectMapper().readTree(json).get("resultDigest").asText()).isEqualTo(ORCL_SMA_DIGEST);
    }

    @Test
    void changing_one_byte_of_the_input_changes_the_digest() throws IOException {
        byte[] bytes = Files.readAllBytes(orcl());
        String text = new String(bytes, StandardCharsets.US_ASCII);
        // the last row's close (a position is open at the end, so it moves the final equity): 44.970001 -> 44.970002
        int row = text.lastIndexOf("2014-12-31,");
        int close = nthComma(text, row, 4) + 1;
        int lastDigit = text.indexOf(',', close) - 1;
        assertThat(bytes[lastDigit]).isEqualTo((byte) '1');
        bytes[lastDigit] = '2';
        Path changed = tmp.resolve("orcl-1995-2014.txt");
        Files.write(changed, bytes);

        String digest = BacktestRunner.run(request(changed, RecordLevel.SUMMARY, null)).resultDigest();
        assertThat(digest).hasSize(64).isNotEqualTo(ORCL_SMA_DIGEST);
    }

    @Test
    void the_order_of_the_data_files_does_not_change_the_digest() throws IOException {
        Path twoSymbols = tmp.resolve("sma-two.yaml");
        Files.writeString(twoSymbols, Files.readString(strategy()).replace("symbols: [ORCL]", "symbols: [ORCL, NVDA]"));
        Path nvda = TestPaths.data().resolve("nvda-1999-2014.txt");
        BacktestResult orclFirst = BacktestRunner.run(new BacktestRequest(twoSymbols, List.of(orcl(), nvda), null, null,
                null, null, null, RecordLevel.SUMMARY, false, TestPaths.plugins(), null));
        BacktestResult nvdaFirst = BacktestRunner.run(new BacktestRequest(twoSymbols, List.of(nvda, orcl()), null, null,
                null, null, null, RecordLevel.SUMMARY, false, TestPaths.plugins(), null));
        assertThat(orclFirst.closedTrades()).isGreaterThan(100);
        assertThat(nvdaFirst.resultDigest()).isEqualTo(orclFirst.resultDigest());
    }

    @Test
    @Timeout(60)
    void the_paper_gateways_wall_clock_latency_is_not_applied_in_a_backtest() throws IOException {
        Path slow = tmp.resolve("sma-slow.yaml");
        String text = Files.readString(strategy());
        assertThat(text).contains("    fill: next-open\n");
        Files.writeString(slow, text.replace("    fill: next-open\n",
                "    fill: next-open\n    latencyMs: 40000\n    latencyJitterMs: \"500\"\n"));
        BacktestResult result = BacktestRunner.run(new BacktestRequest(slow, List.of(orcl()), null, null, null, null,
                null, RecordLevel.SUMMARY, false, TestPaths.plugins(), null));
        assertThat(result.failedCycles()).isZero();
        assertThat(result.resultDigest()).isEqualTo(ORCL_SMA_DIGEST);
    }

    private static int nthComma(String text, int from, int n) {
        int at = from;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(',', at + 1);
        }
        return at;
    }
}
