package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar is read before PF4J loads it, and what would fail later is refused with a one-line reason. */
class JarDescriptorTest {

    @TempDir
    Path tmp;

    @Test
    void a_plugin_class_neither_in_the_jar_nor_in_the_runtime_is_refused_at_start_and_recorded_so() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        ReloadFixture.rewritten(ReloadFixture.jar("reload-v1"), plugins.resolve("badclass.jar"), n -> false,
                a -> a.putValue("Plugin-Class", "does.not.Exist"));
        assertThatThrownBy(() -> JarDescriptor.read(plugins.resolve("badclass.jar")))
                .isInstanceOf(RefusedException.class).hasMessage("badclass.jar: bad manifest: Plugin-Class"
                        + " 'does.not.Exist' not found in the jar (nor on the runtime's class path)");
        Path runtimeClass = ReloadFixture.rewritten(ReloadFixture.jar("reload-v1"), tmp.resolve("pf4j-plugin.jar"),
                n -> false, a -> a.putValue("Plugin-Class", "org.pf4j.Plugin"));
        assertThat(JarDescriptor.read(runtimeClass).pluginId()).isEqualTo("reload-probe");

        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("history"));
                HotReload hot = HotReload.start(plugins, ReloadSettings.defaults(plugins)
                        .withVersions(tmp.resolve("versions")), store)) {
            assertThat(hot.list()).isEmpty();
            assertThat(hot.history("badclass.jar")).singleElement().satisfies(e -> {
                assertThat(e.outcome()).isEqualTo(ReloadEvent.REFUSED);
                assertThat(e.reason()).contains("Plugin-Class 'does.not.Exist' not found in the jar");
            });
        }
    }
}
