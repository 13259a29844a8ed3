package dev.stratagem.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes run files for the tests: paper runs on ORCL, such as two SMA strategies with different capital and windows. */
public final class RunFiles {
    private RunFiles() {}

    /**
     * @param dir where to write a.yaml, b.yaml and run.yaml
     * @param speed the replay speed-up, 0 for as fast as the strategies keep up
     * @return the run file
     * @throws IOException if a file cannot be written
     */
    public static Path write(Path dir, double speed) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), strategy("sma-a", 100_000, 10, 30));
        Files.writeString(dir.resolve("b.yaml"), strategy("sma-b", 50_000, 5, 20));
        return onOrcl(dir, speed, "a.yaml", "b.yaml");
    }

    /**
     * @param dir where to write run.yaml
     * @param speed the replay speed-up, 0 for as fast as the strategies keep up
     * @param strategies the strategy files, relative to {@code dir}
     * @return a paper run of the strategies on the ORCL daily bars
     * @throws IOException if the file cannot be written
     */
    public static Path onOrcl(Path dir, double speed, String... strategies) throws IOException {
        Path run = dir.resolve("run.yaml");
        Files.writeString(run, """
                mode: paper
                speed: %s
                feed:
                  - file: %s
                    symbol: ORCL
                strategies: [%s]
                """.formatted(speed, TestPaths.data().resolve("orcl-1995-2014.txt"), String.join(", ", strategies)));
        return run;
    }

    private static String strategy(String id, int capital, int fast, int slow) {
        return """
                id: %s
                symbols: [ORCL]
                capital: %d
                features: { id: indicators, params: { features: "close, sma_%d, sma_%d" } }
                composer: { id: sma-crossover, params: { fast: %d, slow: %d, quantity: 100 } }
                gateway: { id: paper }
                """.formatted(id, capital, fast, slow, fast, slow);
    }
}
