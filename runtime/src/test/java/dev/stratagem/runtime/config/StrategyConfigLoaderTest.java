package dev.stratagem.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategyConfigLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void loads_the_bundled_strategy_files() {
        StrategyConfig config = StrategyConfigLoader.load(TestPaths.strategies().resolve("sma-crossover-orcl.yaml"));
        assertThat(config.id()).isEqualTo("sma-crossover-orcl");
        assertThat(config.composer().params()).containsEntry("fast", 10);
        assertThat(config.limits().maxPositionQuantity()).isEqualTo(1000);
        assertThat(config.gateway().id()).isEqualTo("paper");
    }

    @Test
    void an_unknown_key_names_the_file_its_line_and_the_known_keys() throws IOException {
        Path file = write("typo.yaml", "id: x\nsymbols: [ORCL]\ncaptial: 5\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3: unknown key 'captial'")
                .hasMessageContaining("capital");
    }

    @Test
    void a_key_written_twice_is_an_error_naming_its_line_even_nested() throws IOException {
        Path top = write("twice.yaml", "id: x\nsymbols: [ORCL]\ncapital: 100000\ncapital: 5\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(top))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(top + ":4")
                .hasMessageContaining("Duplicate field 'capital'");
        Path nested = write("nested.yaml", "id: x\nsymbols: [ORCL]\ncapital: 5\ncomposer:\n  id: sma-crossover\n"
                + "  params:\n    quantity: 100\n    quantity: 100000\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(nested))
                .hasMessageStartingWith(nested + ":6: bad value for 'composer.params'")   // the map's line
                .hasMessageContaining("Duplicate field 'quantity'");
    }

    @Test
    void a_bad_value_names_the_key() throws IOException {
        Path file = write("bad.yaml", "id: x\nsymbols: [ORCL]\ncapital: lots\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(file))
                .hasMessageStartingWith(file + ":3: bad value for 'capital'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void a_value_of_the_wrong_kind_says_what_the_key_takes_in_plain_words() throws IOException {
        String head = "id: x\nsymbols: [ORCL]\ncapital: 5\nfeatures: {id: indicators}\n";
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();   // file -> the message's end
        cases.put("id: x\nsymbols: [ORCL]\ncapital: lots\n",
                ":3: bad value for 'capital': must be a number, was 'lots'");
        cases.put("id: x\nsymbols: [ORCL]\ncapital: \"100,000\"\n",
                ":3: bad value for 'capital': must be a number, was '100,000'");
        cases.put("id: x\nsymbols: ORCL\ncapital: 5\n", ":2: bad value for 'symbols': must be a list, such as [a, b]");
        cases.put("id: x\nsymbols: [ORCL]\ncapital: 5\nconstraints:\n  allowShort: maybe\n",
                ":5: bad value for 'constraints.allowShort': must be true or false, was 'maybe'");
        cases.put(head + "composer: sma-crossover\n",
                ":5: bad value for 'composer': must be a mapping of keys (key: value), not a single value");
        cases.put(head + "composer: {id: sma-crossover}\ngateway:\n  id: paper\n  params:\n    feeBps: null\n",
                ":6: bad value for 'gateway': parameter 'feeBps' has no value; give one, or leave the key out");
        cases.put("just a string\n",
                ":1:1: the file must be a mapping of keys (key: value), not a single value");
        cases.put("id: x\nsymbols: [ORCL]\ncapital: 1e400\n" + "features: {id: indicators}\n"
                + "composer: {id: sma-crossover}\n", ":3: 'capital' must be positive and at most 1e15, was 1E+400");
        cases.put("id: x\nsymbols: [ORCL]\n\ncapital: -5\n" + "features: {id: indicators}\n"
                + "composer: {id: sma-crossover}\n", ":4: 'capital' must be positive and at most 1e15, was -5");
        cases.put(head + "periodsPerYear: 0\ncomposer: {id: sma-crossover}\n", ":5: 'periodsPerYear' must be positive");
        cases.put(head + "composer: {id: sma-crossover}\nconstraints:\n  maxLeverage: -2\n",
                ":7: maxLeverage must be positive, was -2.0");
        // a key on several lines is not guessed at: the second instrument's lotSize, not the first's
        cases.put(head + "composer: {id: sma-crossover}\ninstruments:\n  - symbol: ORCL\n    lotSize: 1\n"
                + "  - symbol: MSFT\n    lotSize: -1\n", ": lotSize must be positive, was -1.0");
        // a missing top-level key is not placed on a component's key of that name
        cases.put("symbols: [ORCL]\ncapital: 5\nfeatures:\n  id: indicators\ncomposer: {id: sma-crossover}\n",
                ": 'id' is required");
        int n = 0;
        for (var c : cases.entrySet()) {
            Path file = write("kind-" + (n++) + ".yaml", c.getKey());
            assertThatThrownBy(() -> StrategyConfigLoader.load(file)).as(c.getKey())
                    .hasMessage(file + c.getValue());
        }
    }

    @Test
    void a_component_names_a_plugin_or_a_script_not_both_nor_neither() throws IOException {
        Path both = write("both.yaml", "id: x\nsymbols: [ORCL]\ncapital: 5\nfeatures: {id: indicators}\ncomposer:\n"
                + "  id: sma-crossover\n  script: scripts/js/sma-crossover\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(both)).hasMessageStartingWith(both + ":5: bad value for "
                + "'composer': give either id (a plugin component, here 'sma-crossover') or script (a script folder, "
                + "here 'scripts/js/sma-crossover'), not both");
        Path neither = write("neither.yaml", "id: x\nsymbols: [ORCL]\ncapital: 5\nfeatures: {id: indicators}\n"
                + "composer: {params: {fast: 5}}\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(neither)).hasMessageStartingWith(neither + ":5: bad value "
                + "for 'composer': needs id (a plugin component, for example id: sma-crossover) or script");
    }

    @Test
    void a_missing_required_key_and_an_empty_file_are_named() throws IOException {
        Path noComposer = write("no-composer.yaml", "id: x\nsymbols: [ORCL]\ncapital: 5\nfeatures: {id: indicators}\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(noComposer)).hasMessage(noComposer
                + ": 'composer' is required (for example id: sma-crossover)");
        Path empty = write("empty.yaml", "# nothing here\n\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(empty)).hasMessage(empty + ": the file is empty");
        assertThatThrownBy(() -> StrategyConfigLoader.load(tmp.resolve("absent.yaml")))
                .hasMessage(tmp.resolve("absent.yaml") + ": no such file");
    }

    @Test
    void a_yaml_syntax_error_is_one_line_with_its_position() throws IOException {
        Path file = write("syntax.yaml", "id: x\nsymbols: [ORCL\ncapital: 5\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(file))
                .hasMessageStartingWith(file + ":3:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void a_second_yaml_document_is_an_error_not_dropped() throws IOException {
        String one = Files.readString(TestPaths.strategies().resolve("sma-crossover-orcl.yaml"));
        int lines = (int) one.lines().count();
        Path file = write("two.yaml", one + "---\ncapital: 5\n");
        assertThatThrownBy(() -> StrategyConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":" + (lines + 2) + ": a second YAML document; a file holds one (remove the '---'"
                        + " above it)");
        assertThat(StrategyConfigLoader.load(write("leading.yaml", "---\n" + one)).id()).as("one document after ---")
                .isEqualTo("sma-crossover-orcl");
        assertThat(StrategyConfigLoader.load(write("trailing.yaml", one + "---\n")).id()).as("an empty one after it")
                .isEqualTo("sma-crossover-orcl");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }
}
