package dev.stratagem.runtime.script;

import dev.stratagem.api.Candle;
import dev.stratagem.api.MarketWindow;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.testing.Await;
import dev.stratagem.runtime.testing.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the hot-reload tests of script components share: saving like an editor, awaiting, reading events. */
final class ScriptReloads {

    private ScriptReloads() {}

    /** Writes a file: a manifest and an entry file (roles, outputs), as {@link ScriptFolders} does for composers. */
    static Path folder(Path dir, String name, ScriptLanguage language, String manifestExtra, String source) {
        String file = language == ScriptLanguage.JS ? "main.js" : "main.py";
        try {
            Path folder = Files.createDirectories(dir.resolve(name));
            Files.writeString(folder.resolve("script.yaml"), """
                    id: %s
                    language: %s
                    entry: %s
                    %s
                    """.formatted(name, language.graalId(), file, manifestExtra));
            Files.writeString(folder.resolve(file), source);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code file}: strategy {@code id} on symbol X whose features pipeline, composer and one guardrail are the
     * scripts in those folders, with the paper gateway.
     *
     * @return the file
     */
    static Path allScriptsStrategy(Path file, String id, Path features, Path composer, Path guard) {
        try {
            return Files.writeString(file, """
                    id: %s
                    symbols: [X]
                    capital: 100000
                    features: { script: %s }
                    composer: { script: %s }
                    gateway: { id: paper }
                    guardrails: ["script:%s"]
                    """.formatted(id, features, composer, guard));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a JavaScript composer that gives {@code tag} as every cycle's rationale */
    static String tagger(String tag) {
        return "function compose(f, api) {\n  return \"" + tag + "\";\n}\n";
    }

    /**
     * Writes {@code s.yaml}, one strategy on ORCL closes with a script composer and the paper gateway, and a
     * paper run of it.
     *
     * @param id the strategy id
     * @param composer the composer's script folder
     * @param guardrails the strategy's {@code guardrails:} line, or empty
     * @return the run file
     */
    static Path paperRun(Path dir, String id, Path composer, String guardrails, double speed) {
        try {
            Files.writeString(dir.resolve("s.yaml"),
                    RunFiles.orclStrategy(id, 100_000, "close", "{ script: " + composer + " }") + guardrails + "\n");
            return RunFiles.onOrcl(dir, speed, "s.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes aside (outside the watched folder) and moves into place, as an editor's atomic save does. */
    static void save(Path aside, Path file, String text) {
        try {
            Files.writeString(aside, text);
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the script's reload events, newest first */
    static List<ReloadEvent> events(Kernel kernel, String id) {
        return kernel.plugins().history(id);
    }

    /** @return how many of the script's events had the outcome */
    static long count(Kernel kernel, String id, String outcome) {
        return events(kernel, id).stream().filter(e -> e.outcome().equals(outcome)).count();
    }

    /** A one-symbol market window whose bar just closed. */
    record OneBar(Candle candle) implements MarketWindow {
        @Override
        public List<String> symbols() {
            return List.of(candle.symbol());
        }

        @Override
        public int size(String symbol) {
            return 1;
        }

        @Override
        public Candle bar(String symbol, int barsAgo) {
            return candle;
        }

        @Override
        public boolean updated(String symbol) {
            return true;
        }
    }

    static void await(BooleanSupplier condition, String what) {
        Await.until(condition, Duration.ofSeconds(90), what);
    }

    /** Waits for the kernel to record {@code more} cycles from now. */
    static void awaitCycles(Kernel kernel, int more, String what) {
        long from = kernel.recorded();
        await(() -> kernel.recorded() >= from + more, what);
    }
}
