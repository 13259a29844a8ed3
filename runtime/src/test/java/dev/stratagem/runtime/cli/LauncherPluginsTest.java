package dev.stratagem.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's install of the built-in plugin jars (scripts/lib/plugins.sh, run by bash as ./stratagem runs it):
 * it installs and updates its own jars and never replaces a jar of the same name that the user put in the folder.
 */
class LauncherPluginsTest {

    @TempDir
    Path tmp;
    Path built;
    Path plugins;
    Path record;

    @BeforeEach
    void folders() throws IOException {
        built = Files.createDirectories(tmp.resolve("built"));
        plugins = tmp.resolve("home/plugins");
        record = tmp.resolve("home/builtin-plugins.sha256");
    }

    @Test
    void installs_the_built_jars_and_updates_them_after_a_rebuild() throws Exception {
        write(built.resolve("indicators.jar"), "v1");
        assertThat(install().err).isEmpty();
        assertThat(read(plugins.resolve("indicators.jar"))).isEqualTo("v1");

        write(built.resolve("indicators.jar"), "v2");
        assertThat(install().err).isEmpty();
        assertThat(read(plugins.resolve("indicators.jar"))).isEqualTo("v2");
    }

    @Test
    void a_jar_of_the_same_name_the_user_put_there_is_left_alone_with_a_warning() throws Exception {
        write(built.resolve("rules.jar"), "built");
        install();
        write(plugins.resolve("rules.jar"), "the user's fork");

        Run again = install();
        assertThat(read(plugins.resolve("rules.jar"))).isEqualTo("the user's fork");
        assertThat(again.err).contains("rules.jar is not the built-in rules.jar").contains("Delete it");

        write(built.resolve("rules.jar"), "rebuilt");
        install();
        assertThat(read(plugins.resolve("rules.jar"))).isEqualTo("the user's fork");
    }

    @Test
    void a_jar_there_before_the_launcher_ever_installed_one_is_the_users() throws Exception {
        write(built.resolve("paper.jar"), "built");
        Files.createDirectories(plugins);
        write(plugins.resolve("paper.jar"), "mine");
        assertThat(install().err).contains("paper.jar is not the built-in");
        assertThat(read(plugins.resolve("paper.jar"))).isEqualTo("mine");
    }

    @Test
    void a_deleted_jar_is_installed_again_and_the_user_jar_becomes_the_launchers_once_equal() throws Exception {
        write(built.resolve("llm.jar"), "built");
        install();
        Files.delete(plugins.resolve("llm.jar"));
        assertThat(install().err).isEmpty();
        assertThat(read(plugins.resolve("llm.jar"))).isEqualTo("built");
        assertThat(Files.readString(record).lines()).hasSize(1);
    }

    private Run install() throws Exception {
        Path lib = TestPaths.scripts().resolve("lib/plugins.sh");
        Process p = new ProcessBuilder("bash", "-c", ". \"$0\" && stratagem_install_builtin_plugins \"$1\" \"$2\" \"$3\"",
                lib.toString(), built.toString(), plugins.toString(), record.toString()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return new Run(err);
    }

    private record Run(String err) {}

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
