package dev.stratagem.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.runtime.config.ConfigException;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.config.Settings;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.risk.SafeModeCheck;
import dev.stratagem.runtime.strategy.RiskWiring;
import dev.stratagem.runtime.testing.RunFiles;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTradingGateTest {

    @TempDir
    Path tmp;

    private static final Map<String, String> CONSENT = Map.of("STRATAGEM_LIVE_TRADING", "I_UNDERSTAND");

    @Test
    void live_mode_needs_both_the_flag_and_the_environment_variable() {
        assertThatThrownBy(() -> LiveTradingGate.check("live", false, CONSENT)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--live flag (missing)");
        assertThatThrownBy(() -> LiveTradingGate.check("live", true, Map.of()))
                .hasMessageContaining("STRATAGEM_LIVE_TRADING=I_UNDERSTAND (missing)");
        assertThatThrownBy(() -> LiveTradingGate.check("live", true, Map.of("STRATAGEM_LIVE_TRADING", "yes")))
                .hasMessageContaining("(missing)");
        assertThatCode(() -> LiveTradingGate.check("live", true, CONSENT)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LiveTradingGate.check("paper", true, CONSENT)).hasMessageContaining("mode is 'paper'");
        assertThatCode(() -> LiveTradingGate.check("paper", false, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void the_kernel_refuses_a_live_run_file_without_consent_before_touching_anything() throws Exception {
        Path run = RunFiles.write(tmp, 0);
        Files.writeString(run, Files.readString(run).replace("mode: paper", "mode: live"));
        RunConfig config = RunConfig.load(run);
        assertThatThrownBy(() -> Kernel.start(run, config, TestPaths.plugins(), tmp.resolve("db"),
                new KernelOptions(Map.of(), Map.of(), true))).hasMessageContaining("refusing to start live trading");
        assertThat(tmp.resolve("db.mv.db")).doesNotExist();
    }

    @Test
    void safe_mode_is_on_by_default_and_limits_symbols_size_and_leverage() throws Exception {
        Settings s = Settings.defaults();
        assertThat(s.flag("live.safeMode")).isTrue();
        Path f = tmp.resolve("two.yaml");
        Files.writeString(f, "id: two\nsymbols: [A, B]\ncapital: 1000\nfeatures: { id: indicators }\n"
                + "composer: { id: sma-crossover }\n");
        assertThatThrownBy(() -> RiskWiring.safeMode(StrategyConfigLoader.load(f), s))
                .hasMessageContaining("live safe mode allows 1 (live.maxSymbols, from default)");

        SafeModeCheck check = new SafeModeCheck(s.number("live.sizeMultiplier"), s.number("live.maxLeverage"));
        var portfolio = new dev.stratagem.api.PortfolioView(0, 10_000, 10_000, 0, 0, 0, 0, List.of(), Constraints.NONE);
        RiskContext ctx = new RiskContext(portfolio, Map.of("A", Instrument.of("A")), Map.of("A", 10.0), Map.of(), 10_000);
        assertThat(check.check(TradeInstruction.buy("A", 100).withId("x"), ctx))
                .isEqualTo(RiskVerdict.clamp(10, "live safe mode scales orders by 0.1: clamped 100 to 10"));
        assertThat(check.check(TradeInstruction.buy("A", 15_000).withId("x"), ctx))
                .isInstanceOf(RiskVerdict.Clamp.class)
                .satisfies(v -> assertThat(((RiskVerdict.Clamp) v).quantity()).isEqualTo(1000));
    }
}
