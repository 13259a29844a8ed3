package dev.stratagem.runtime.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.testing.TestPaths;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example strategy runtime/strategies/llm-momentum.yaml, loaded through the real plugin jars, backtested
 * on ORCL 2013 - early 2014 against a fake chat-completions server: recorded once (mode record), then
 * replayed with mode auto in a backtest against a server that must not be called, with the identical digest.
 */
class LlmStrategyBacktestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HASH = Pattern.compile("\"hash\":\"([0-9a-f]{64})\"");

    @TempDir
    Path tmp;

    /**
     * The fake model follows the example's prompt: long 100 when sma_5 is above sma_20 and flat, with a
     * stop 4% below and a target 6% above the close; close the long when sma_5 falls below sma_20.
     */
    static String momentumModel(String prompt) {
        try {
            JsonNode features = JSON.readTree(line(prompt, "FEATURES ")).path("ORCL");
            JsonNode positions = JSON.readTree(line(prompt, "PORTFOLIO ")).path("positions");
            double close = features.path("close").asDouble();
            double fast = features.path("sma_5").asDouble();
            double slow = features.path("sma_20").asDouble();
            double held = positions.isEmpty() ? 0 : positions.get(0).path("quantity").asDouble();
            if (held == 0 && fast > slow) {
                return "{\"instructions\":[{\"symbol\":\"ORCL\",\"side\":\"BUY\",\"quantity\":100,\"stopLoss\":"
                        + cents(close * 0.96) + ",\"takeProfit\":" + cents(close * 1.06) + "}],"
                        + "\"rationale\":\"sma_5 above sma_20\",\"confidence\":0.8}";
            }
            if (held > 0 && fast < slow) {
                return "{\"instructions\":[{\"symbol\":\"ORCL\",\"side\":\"SELL\",\"quantity\":" + held
                        + ",\"reduceOnly\":true}],\"rationale\":\"sma_5 below sma_20\",\"confidence\":0.8}";
            }
            return "{\"instructions\":[],\"rationale\":\"hold\",\"confidence\":0.5}";
        } catch (Exception e) {
            throw new IllegalStateException("unexpected prompt: " + prompt, e);
        }
    }

    private static String line(String prompt, String prefix) {
        return prompt.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    private static String cents(double price) {
        return BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The example strategy pointed at the fake server and a temp recordings folder, with its mode. */
    private Path strategy(String name, String baseUrl, String modeLine) throws Exception {
        String yaml = Files.readString(TestPaths.strategies().resolve("llm-momentum.yaml"))
                .replace("baseUrl: http://127.0.0.1:8080/v1", "baseUrl: " + baseUrl)
                .replace("requestsPerMinute: 60", "requestsPerMinute: 1000000")
                .replace("recordings: recordings", "recordings: " + tmp.resolve("recordings") + modeLine);
        assertThat(yaml).contains(baseUrl);
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static BacktestRequest request(Path strategy, Path db) {
        return new BacktestRequest(strategy, List.of(TestPaths.data().resolve("orcl-1995-2014.txt")), null,
                LocalDate.of(2013, 1, 1), LocalDate.of(2014, 3, 31), null, null, RecordLevel.ALL, false,
                TestPaths.plugins(), db);
    }

    /** The trades without their run-specific ids (Double.equals: an open trade's NaN exit equals itself). */
    private static List<List<Object>> fills(BacktestResult r) {
        return r.trades().stream().map(t -> List.<Object>of(t.symbol(), t.quantity(), t.entryTs(), t.entryPrice(),
                t.exitTs(), t.exitPrice(), t.realizedPnl(), t.fees())).toList();
    }

    @Test
    void a_recorded_llm_backtest_replays_in_backtest_mode_with_zero_model_calls_and_the_same_digest() throws Exception {
        BacktestResult recorded;
        int calls;
        try (var model = new FakeChatCompletionsServer(LlmStrategyBacktestTest::momentumModel)) {
            recorded = BacktestRunner.run(request(strategy("record", model.baseUrl(), "\n    mode: record"),
                    tmp.resolve("recorded")));
            calls = model.received().size();
        }
        assertThat(recorded.failedCycles()).isZero();
        assertThat(recorded.bars()).isGreaterThan(300);
        assertThat(recorded.trades()).hasSizeGreaterThan(3);

        List<String> journal = Files.readAllLines(tmp.resolve("recordings").resolve("llm-momentum.jsonl"));
        assertThat(journal.size()).as("journal lines").isEqualTo(calls);
        Set<String> journalKeys = new HashSet<>();
        for (String line : journal) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("answer").isTextual()).as("an answer, not the failure %s %s",
                    entry.path("failureKind"), entry.path("failure")).isTrue();
            assertThat(entry.path("request").path("messages")).hasSize(2);
            journalKeys.add(entry.path("composeId").asText() + " " + entry.path("hash").asText());
        }

        List<String> exits = new ArrayList<>();
        int asked = 0;
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("recorded"))) {
            for (CycleRow cycle : store.cycles(recorded.runId(), 10_000)) {
                if (cycle.status() == CycleStatus.WARMUP) {
                    continue;
                }
                if (cycle.rationale().startsWith("stop-loss hit at ") || cycle.rationale().startsWith("take-profit hit at ")) {
                    exits.add(cycle.rationale());
                    continue;
                }
                Matcher hash = HASH.matcher(cycle.rationale());
                assertThat(hash.find()).as("the model's call in cycle %s: %s", cycle.composeId(), cycle.rationale()).isTrue();
                assertThat(journalKeys).as("cycle %s recorded", cycle.composeId())
                        .contains(cycle.composeId() + " " + hash.group(1));
                asked++;
            }
        }
        assertThat(asked).isEqualTo(calls);
        assertThat(exits).as("stop-loss / take-profit exits without a model call").isNotEmpty();

        try (var mustNotBeCalled = new FakeChatCompletionsServer(prompt -> null)) {
            BacktestResult replayed = BacktestRunner.run(request(strategy("auto", mustNotBeCalled.baseUrl(), ""),
                    tmp.resolve("replayed")));

            assertThat(mustNotBeCalled.received()).isEmpty();
            assertThat(replayed.failedCycles()).isZero();
            assertThat(fills(replayed)).isEqualTo(fills(recorded));
            assertThat(replayed.resultDigest()).isEqualTo(recorded.resultDigest());
        }
    }
}
