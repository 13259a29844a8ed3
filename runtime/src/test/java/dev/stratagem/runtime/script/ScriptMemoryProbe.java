package dev.stratagem.runtime.script;

import dev.stratagem.api.DecisionComposer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Engine;

/**
 * Run in a JVM of its own with a small heap ({@link ScriptMemoryTest}): a script that keeps 32 MB a call until the
 * heap runs out, then the heap in use once the failure is thrown and collected, then the next call's rationale.
 */
final class ScriptMemoryProbe {

    private ScriptMemoryProbe() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            Path folder = ScriptFolders.write(dir, "hog", ScriptLanguage.JS, """
                    const held = [];
                    function compose(f, api) {
                      held.push(new Float64Array(4000000));
                      return "holding " + held.length;
                    }
                    """);
            ScriptCatalog catalog = new ScriptCatalog(List.of(dir), new ScriptSettings(Duration.ofSeconds(10), 3, 5,
                    ScriptSettings.DEFAULTS.grace()), engine);
            DecisionComposer composer = catalog.composer(folder.toString(), Map.of(), List.of("close")).component();
            String failure = null;
            for (int i = 1; i < 1_000 && failure == null; i++) {
                try {
                    composer.compose(ScriptSandboxTest.context(i));
                } catch (ScriptFailure e) {
                    failure = e.getMessage();
                }
            }
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long max = Runtime.getRuntime().maxMemory();
            System.out.println("FAILURE " + failure);
            System.out.println("HEAP " + used + " " + max);
            System.out.println("NEXT " + composer.compose(ScriptSandboxTest.context(1_000)).rationale());
            ((ScriptComposer) composer).close();
        }
    }
}
