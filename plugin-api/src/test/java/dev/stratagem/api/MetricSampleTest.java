package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSampleTest {

    private final List<MetricSample> samples = new ArrayList<>();
    private final MetricsSink sink = samples::add;

    @Test
    void a_gauge_and_a_counter_with_valid_names_are_taken_as_reported() {
        sink.gauge("stratagem_llm_queue_depth", "calls waiting", Map.of("queue", "http://127.0.0.1:8080/v1"), 3);
        sink.counter("stratagem_llm_queue_requests_total", "calls by outcome", Map.of("outcome", "completed"), 12);

        assertThat(samples).containsExactly(
                new MetricSample(MetricSample.Type.GAUGE, "stratagem_llm_queue_depth", "calls waiting",
                        Map.of("queue", "http://127.0.0.1:8080/v1"), 3, false),
                new MetricSample(MetricSample.Type.COUNTER, "stratagem_llm_queue_requests_total", "calls by outcome",
                        Map.of("outcome", "completed"), 12, false));
    }

    @Test
    void tags_are_sorted_by_name_and_cannot_be_changed_afterwards() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("zone", "z");
        tags.put("alpha", "a");
        tags.put("mid", "m");
        sink.gauge("g", "help", tags, 1);

        Map<String, String> copied = samples.getFirst().tags();
        assertThat(copied.keySet()).containsExactly("alpha", "mid", "zone");
        tags.put("late", "x");
        assertThat(copied).doesNotContainKey("late");
        assertThatThrownBy(() -> copied.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejects_metric_names_that_are_not_prometheus_names() {
        for (String bad : List.of("", "1queue", "queue-depth", "queue.depth", "queue depth", "rule:depth", "tiefe_ä")) {
            assertThatThrownBy(() -> sink.gauge(bad, "help", Map.of(), 1)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a Prometheus name");
        }
    }

    @Test
    void a_counter_name_must_end_in_total() {
        assertThatThrownBy(() -> sink.counter("llm_requests", "help", Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("counter 'llm_requests' must end in _total");
        assertThatThrownBy(() -> sink.counter("_total", "help", Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("counter '_total' must end in _total");
    }

    @Test
    void a_gauge_name_must_not_end_in_a_suffix_reserved_for_other_types() {
        for (String suffix : List.of("_total", "_created", "_bucket", "_info", "_count", "_sum")) {
            assertThatThrownBy(() -> sink.gauge("llm_wait" + suffix, "help", Map.of(), 1)).as(suffix)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not end in " + suffix);
        }
    }

    @Test
    void rejects_tag_names_that_are_not_prometheus_names_or_are_reserved() {
        for (String bad : List.of("", "queue-name", "__name", "1st")) {
            assertThatThrownBy(() -> sink.gauge("g", "help", Map.of(bad, "v"), 1)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tag '" + bad + "' of g is not a Prometheus tag name");
        }
    }

    @Test
    void the_strategy_tag_is_the_runtimes_unless_the_series_is_shared() {
        assertThatThrownBy(() -> sink.gauge("g", "help", Map.of("strategy", "a"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag 'strategy' of g is the runtime's");

        sink.shared().gauge("g", "help", Map.of("strategy", "a"), 1);
        assertThat(samples.getFirst().tags()).containsEntry("strategy", "a");
    }

    @Test
    void a_counter_total_must_be_finite_and_not_negative_while_a_gauge_may_be_unknown() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> sink.counter("c_total", "help", Map.of(), bad)).as("" + bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be finite and not negative");
        }
        sink.gauge("g", "help", Map.of(), Double.NaN);
        assertThat(samples.getFirst().value()).isNaN();
    }

    @Test
    void help_is_required_and_one_line() {
        assertThatThrownBy(() -> sink.gauge("g", " ", Map.of(), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("help of g must not be blank");
        assertThatThrownBy(() -> sink.gauge("g", "two\nlines", Map.of(), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("help of g must be one line");
    }

    @Test
    void the_shared_view_marks_every_sample_shared_and_stays_shared() {
        MetricsSink shared = sink.shared();
        shared.gauge("g", "help", Map.of(), 1);
        shared.shared().counter("c_total", "help", Map.of(), 2);
        sink.gauge("own", "help", Map.of(), 3);

        assertThat(samples).extracting(MetricSample::shared).containsExactly(true, true, false);
    }
}
