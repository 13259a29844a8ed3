package dev.stratagem.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.RiskSettings;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuntimeMetricsTest {

    @Test
    void every_runtime_gauge_still_reads_its_value_after_a_garbage_collection() {
        RiskEngine engine = new RiskEngine(RiskSettings.NONE, new KillSwitch(null), null);
        engine.register("sma", "r", 1000);
        AtomicInteger queued = new AtomicInteger(7);
        // a bound method reference, as the kernel passes history::queued: nothing but the gauge holds it
        RuntimeMetrics metrics = new RuntimeMetrics(engine, queued::get);
        metrics.listenerFor("sma");

        System.gc();

        assertThat(metrics.scrape()).contains("stratagem_history_queue_depth 7.0", "stratagem_kill_switch_active 0.0",
                "stratagem_portfolio_equity 1000.0", "stratagem_breaker_state{scope=\"sma\"} 0.0",
                "stratagem_breaker_state{scope=\"portfolio\"} 0.0");
    }
}
