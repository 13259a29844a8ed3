package dev.stratagem.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Since JDK 23 javac ignores annotation processors on the class path; a plugin built without the declared
 * processor has no extension index and silently loads with zero extensions. Every built jar must have one.
 */
class BuiltInPluginJarsTest {

    @Test
    void every_built_plugin_jar_has_a_non_empty_extension_index_and_a_descriptor() throws IOException {
        List<Path> jars;
        try (var files = Files.list(TestPaths.plugins())) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertThat(jars).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "plugin-indicators.jar", "plugin-rules.jar", "plugin-paper.jar", "plugin-llm.jar");
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                ZipEntry index = file.getEntry("META-INF/extensions.idx");
                assertThat(index).as(jar + " extension index").isNotNull();
                String content = new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(content.lines().filter(l -> !l.isBlank() && !l.startsWith("#")))
                        .as(jar + " extensions").isNotEmpty();
                assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Id")).as(jar + " Plugin-Id").isNotBlank();
                assertThat(file.stream().map(ZipEntry::getName)).as(jar + " must not bundle the API")
                        .noneMatch(n -> n.startsWith("dev/stratagem/api/") || n.startsWith("org/pf4j/"));
            }
        }
    }
}
