package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The complete examples in sdk-docs/scripts.md are the example files, verbatim. */
class ScriptDocsTest {

    @ParameterizedTest
    @ValueSource(strings = {"js/sma-crossover/sma_crossover.js", "js/sma-crossover/script.yaml",
        "python/sma-crossover/sma_crossover.py", "python/sma-crossover/script.yaml"})
    void the_guide_includes_the_example_verbatim(String file) throws IOException {
        Path scripts = ScriptStrategies.scripts();
        String guide = Files.readString(scripts.resolveSibling("sdk-docs").resolve("scripts.md"));
        assertThat(guide).contains("\n" + Files.readString(scripts.resolve(file)) + "```");
    }
}
