package dev.stratagem.runtime.testing;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process that holds a history file, as a running demo does: {@link #start} launches it on the test
 * class path and returns once the file is open; {@link Holder#close} ends it.
 */
public final class HoldHistory {

    private HoldHistory() {}

    /**
     * Opens the history file, prints {@code open}, and keeps it until its input closes.
     *
     * @param args the file, without {@code .mv.db}
     * @throws IOException if the input cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the parent closes the pipe
            }
        }
    }

    /**
     * @param db the history file, without {@code .mv.db}
     * @return the holding process, the file open
     * @throws IOException if it cannot be started or does not open the file
     */
    public static Holder start(Path db) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                HoldHistory.class.getName(), db.toString())).redirectErrorStream(true).start();
        String first = new String(p.getInputStream().readNBytes(5));
        if (!first.equals("open\n")) {
            p.destroyForcibly();
            throw new IOException("the holding process did not open " + db + ": " + first
                    + new String(p.getInputStream().readAllBytes()));
        }
        return new Holder(p);
    }

    /** The holding process. */
    public record Holder(Process process) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
