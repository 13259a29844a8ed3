package dev.stratagem.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Switching the stderr log format after start, as the kernel does from {@code ops.log.format}. */
class LogFormatTest {

    private static final Logger LOG = LoggerFactory.getLogger(LogFormatTest.class);

    @Test
    void switches_stderr_to_one_json_object_per_line_with_the_mdc_and_back() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(LogFormat.apply("json")).isTrue();
            assertThat(LogFormat.apply("json")).as("already json").isFalse();
            MDC.put("strategy", "sma");
            try {
                LOG.info("cycle done");
            } finally {
                MDC.remove("strategy");
            }
            assertThat(LogFormat.apply("text")).isTrue();
            LOG.info("plain again");
        } finally {
            System.setErr(original);
            LogFormat.apply("text");
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
        JsonObject json = new JsonObject(java.util.Arrays.stream(lines).filter(l -> l.contains("cycle done"))
                .findFirst().orElseThrow());
        assertThat(json.getString("message")).isEqualTo("cycle done");
        assertThat(json.getJsonObject("mdc").getString("strategy")).isEqualTo("sma");
        assertThat(lines).filteredOn(l -> l.contains("plain again")).singleElement()
                .satisfies(l -> assertThat(l).doesNotStartWith("{").contains("INFO", "LogFormatTest"));
    }

    @Test
    void refuses_an_unknown_format_naming_the_key() {
        assertThatThrownBy(() -> LogFormat.apply("xml")).hasMessageContaining("ops.log.format");
    }
}
