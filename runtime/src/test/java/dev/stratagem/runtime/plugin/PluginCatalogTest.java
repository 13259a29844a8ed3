package dev.stratagem.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.FeaturesPipeline;
import dev.stratagem.api.Parameters;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginCatalogTest {

    @TempDir
    Path plugins;

    @Test
    void loads_the_built_in_plugins_and_skips_a_broken_jar_beside_them() throws IOException {
        copyBuiltIns();
        Files.write(plugins.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 1});

        try (PluginCatalog catalog = PluginCatalog.load(plugins)) {
            assertThat(catalog.ids(DecisionComposer.class)).contains("sma-crossover", "momentum", "rsi-threshold",
                    "bollinger-reversion", "donchian-breakout");
            assertThat(catalog.ids(FeaturesPipeline.class)).containsExactly("indicators");
            ComponentHandle<DecisionComposer> handle = catalog.create(DecisionComposer.class, "composer",
                    "sma-crossover", Parameters.of(Map.of("fast", 5, "slow", 20)));
            assertThat(handle.version().source()).isEqualTo("rules");
            assertThat(handle.version().sha256()).hasSize(12);
            assertThat(handle.component().requiredFeatures()).contains("sma_5", "sma_20");
        }
    }

    @Test
    void an_unknown_component_names_what_is_available() throws IOException {
        copyBuiltIns();
        try (PluginCatalog catalog = PluginCatalog.load(plugins)) {
            assertThatThrownBy(() -> catalog.create(DecisionComposer.class, "composer", "sma-crosover", Parameters.EMPTY))
                    .isInstanceOf(UnknownComponentException.class)
                    .hasMessageContaining("no composer 'sma-crosover'")
                    .hasMessageContaining("available: [bollinger-reversion, donchian-breakout, llm, llm-agents, momentum, rsi-threshold, sma-crossover]");
        }
    }

    @Test
    void a_bad_parameter_is_refused_at_load_time_naming_the_key() throws IOException {
        copyBuiltIns();
        try (PluginCatalog catalog = PluginCatalog.load(plugins)) {
            assertThatThrownBy(() -> catalog.create(DecisionComposer.class, "composer", "sma-crossover",
                    Parameters.of(Map.of("fast", 30, "slow", 10))))
                    .isInstanceOf(UnknownComponentException.class)
                    .hasMessageStartingWith("composer 'sma-crossover': ")
                    .hasMessageContaining("fast");
            assertThatThrownBy(() -> catalog.create(DecisionComposer.class, "composer", "sma-crossover",
                    Parameters.of(Map.of("fsat", 5))))
                    .hasMessageContaining("unknown parameter 'fsat'");
        }
    }

    @Test
    void a_jar_naming_a_plugin_class_it_does_not_hold_is_refused_with_that_reason_before_pf4j_starts_it()
            throws IOException {
        copyBuiltIns();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "badclass");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0");
        manifest.getMainAttributes().putValue("Plugin-Class", "does.not.Exist");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("badclass.jar")), manifest)) {
            jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            jar.write("does.not.Ext\n".getBytes(StandardCharsets.UTF_8));
        }

        try (PluginCatalog catalog = PluginCatalog.load(plugins)) {
            assertThat(catalog.plugins()).filteredOn(p -> p.pluginId().equals("badclass.jar")).singleElement()
                    .satisfies(p -> {
                        assertThat(p.state()).isEqualTo("REFUSED");
                        assertThat(p.problem())
                                .isEqualTo("Plugin-Class 'does.not.Exist' not found in the jar (nor on the runtime's class path)");
                    });
            assertThat(catalog.ids(DecisionComposer.class)).contains("sma-crossover");
        }
    }

    private void copyBuiltIns() throws IOException {
        try (var jars = Files.list(TestPaths.plugins())) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
    }
}
