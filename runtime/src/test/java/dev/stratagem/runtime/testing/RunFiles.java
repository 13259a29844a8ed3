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
        Files.writeString(dir.resolve("a.yaml"), smaStrategy("sma-a", 100_000, 10, 30));
        Files.writeString(dir.resolve("b.yaml"), smaStrategy("sma-b", 50_000, 5, 20));
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

    /**
     * @param id the strategy id
     * @param capital its capital
     * @param fast the fast SMA window
     * @param slow the slow SMA window
     * @return the text of a strategy file: the SMA crossover on ORCL, 100 shares, the paper gateway
     */
    public static String smaStrategy(String id, int capital, int fast, int slow) {
        return orclStrategy(id, capital, "close, sma_%d, sma_%d".formatted(fast, slow),
                "{ id: sma-crossover, params: { fast: %d, slow: %d, quantity: 100 } }".formatted(fast, slow));
    }

    /**
     * @param id the strategy id
     * @param capital its capital
     * @param features the indicators pipeline's features
     * @param composer the composer, as a YAML flow mapping ({@code { id: ... }} or {@code { script: ... }})
     * @return the text of a strategy file on ORCL with the indicators pipeline and the paper gateway
     */
    public static String orclStrategy(String id, int capital, String features, String composer) {
        return """
                id: %s
                symbols: [ORCL]
                capital: %d
                features: { id: indicators, params: { features: "%s" } }
                composer: %s
                gateway: { id: paper }
                """.formatted(id, capital, features, composer);
    }
}
