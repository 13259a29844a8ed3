package dev.stratagem.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path tmp;

    @Test
    void each_layer_overrides_the_one_before_and_remembers_its_source() {
        Settings s = Settings.defaults()
                .withFile("run.yaml", Map.of("risk", Map.of("var", Map.of("maxFraction", 0.05, "window", 100))), false)
                .withFile("a.yaml", Map.of("risk.var.maxFraction", "0.04"), true)
                .withEnvironment(Map.of("STRATAGEM_RISK_VAR_MAXFRACTION", "0.03"))
                .withFlags(Map.of("risk.var.confidence", "0.95"));
        assertThat(s.number("risk.var.maxFraction")).isEqualTo(0.03);
        assertThat(s.source("risk.var.maxFraction")).isEqualTo("environment variable STRATAGEM_RISK_VAR_MAXFRACTION");
        assertThat(s.count("risk.var.window")).isEqualTo(100);
        assertThat(s.source("risk.var.window")).isEqualTo("run.yaml");
        assertThat(s.number("risk.var.confidence")).isEqualTo(0.95);
        assertThat(s.number("risk.portfolio.maxGrossExposure")).isInfinite();
        assertThat(s.source("risk.portfolio.maxGrossExposure")).isEqualTo("default");
    }

    @Test
    void unknown_keys_and_bad_values_name_the_key_and_the_file() {
        assertThatThrownBy(() -> Settings.defaults().withFile("run.yaml", Map.of("risk", Map.of("maxGross", 1)), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("run.yaml: settings: unknown key 'risk.maxGross' (known: [");
        assertThatThrownBy(() -> Settings.defaults().withFile("run.yaml", Map.of("risk.var.confidence", 1.5), false))
                .hasMessage("run.yaml: bad value for 'risk.var.confidence': must be a number between 0 and 1"
                        + " (exclusive), was '1.5'");
        assertThatThrownBy(() -> Settings.defaults().withEnvironment(Map.of("STRATAGEM_OPS_HTTP_PORT", "x")))
                .hasMessage("environment variable STRATAGEM_OPS_HTTP_PORT: bad value for 'ops.http.port': must be a"
                        + " whole number >= 0, was 'x'");
        assertThatThrownBy(() -> Settings.defaults().withFlags(Map.of("nope", "1")))
                .hasMessageStartingWith("command line (--set): unknown key 'nope'");
    }

    @Test
    void secrets_come_only_from_the_environment_and_runtime_keys_not_from_strategy_files() {
        assertThatThrownBy(() -> Settings.defaults().withFile("run.yaml", Map.of("live.apiKey", "k"), false))
                .hasMessage("run.yaml: 'live.apiKey' is a secret: set it in the environment (STRATAGEM_LIVE_APIKEY),"
                        + " never in a file");
        assertThatThrownBy(() -> Settings.defaults().withFlags(Map.of("ops.apiToken", "t")))
                .hasMessageContaining("is a secret");
        assertThat(Settings.defaults().withEnvironment(Map.of("STRATAGEM_LIVE_APIKEY", "k")).text("live.apiKey"))
                .isEqualTo("k");
        assertThatThrownBy(() -> Settings.defaults().withFile("a.yaml", Map.of("ops.http.port", 1), true))
                .hasMessage("a.yaml: 'ops.http.port' applies to the whole runtime; set it in the run file, not in a"
                        + " strategy file");
    }

    @Test
    void every_key_is_documented_with_its_default_in_the_configuration_guide() throws IOException {
        String guide = Files.readString(TestPaths.data().resolveSibling("..").resolve("sdk-docs/configuration.md"));
        for (SettingKey key : SettingKeys.all()) {
            assertThat(guide).as(key.name()).contains("`" + key.name() + "`");
            assertThat(guide).as(key.name() + " env").contains(key.envName());
        }
    }

    @Test
    void the_existing_strategy_and_run_files_still_load() throws IOException {
        Path root = TestPaths.data().resolveSibling("..").normalize();
        int loaded = 0;
        for (Path dir : new Path[] {root.resolve("runtime/strategies"), root.resolve("sdk-docs/examples")}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
                for (Path f : files) {
                    if (Files.readString(f).contains("strategies:")) {
                        RunConfig.load(f);
                    } else {
                        StrategyConfigLoader.load(f);
                    }
                    loaded++;
                }
            }
        }
        assertThat(loaded).isGreaterThanOrEqualTo(4);
    }

    @Test
    void a_strategy_file_may_carry_its_own_risk_settings() throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, """
                id: s
                symbols: [ORCL]
                capital: 1000
                features: { id: indicators }
                composer: { id: sma-crossover }
                settings:
                  risk:
                    strategy: { drawdown: { reduce: 0.02 } }
                """);
        StrategyConfig sc = StrategyConfigLoader.load(f);
        assertThat(Settings.defaults().withFile(f.toString(), sc.settings(), true).number("risk.strategy.drawdown.reduce"))
                .isEqualTo(0.02);
    }
}
