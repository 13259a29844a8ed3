package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken {@code script.yaml} is one line naming the file, the line and the column, as a script's own errors are. */
class ScriptManifestTest {

    @TempDir
    Path tmp;

    @Test
    void a_yaml_syntax_error_names_file_line_and_column_and_what_the_parser_expected() throws Exception {
        // the black-box tester's edit: a flow sequence left open
        Path folder = ScriptFolders.write(tmp, "broken", ScriptLanguage.JS, "function compose(f, api) {}\n");
        Path manifest = folder.resolve(ScriptManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("roles: [composer]", "roles: [composer"));
        assertThatThrownBy(() -> ScriptManifest.load(folder)).isInstanceOf(ScriptException.class)
                .hasMessage(manifest + ":5:7: not valid YAML: while parsing a flow sequence (from 4:8);"
                        + " expected ',' or ']', but got :")
                .hasMessageNotContaining("\n");
    }
}
