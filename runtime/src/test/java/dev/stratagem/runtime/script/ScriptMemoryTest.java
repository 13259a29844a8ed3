package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script that grows what it holds until the heap runs out fails that call, and its context is closed right then:
 * the heap it held is free for the rest of the runtime (the other strategies, the history writer, the HTTP API). In a
 * JVM of its own with a 256 MB heap ({@link ScriptMemoryProbe}), so the test JVM's heap is never the one exhausted.
 */
class ScriptMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void a_call_that_exhausts_the_heap_frees_what_the_script_held_and_the_next_call_runs_a_rebuilt_version()
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = tmp.resolve("probe.log");
        Process probe = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ScriptMemoryProbe.class.getName(), tmp.resolve("scripts").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(probe.waitFor(180, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(probe.exitValue()).as(String.join("\n", lines)).isZero();

        assertThat(line(lines, "FAILURE ")).contains("hog/main.js").contains("resource exhausted");
        String[] heap = line(lines, "HEAP ").split(" ");
        assertThat(Long.parseLong(heap[0])).as("heap in use after the failure, of " + heap[1])
                .isLessThan(Long.parseLong(heap[1]) / 3);
        assertThat(line(lines, "NEXT ")).as("a fresh context: nothing held").isEqualTo("holding 1");
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(
                "no " + prefix + "line in " + lines)).substring(prefix.length());
    }
}
