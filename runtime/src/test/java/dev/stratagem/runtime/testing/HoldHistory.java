package dev.stratagem.runtime.testing;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        Path log = Files.createTempFile("hold-history", ".log");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                HoldHistory.class.getName(), db.toString()))
                .redirectError(log.toFile()).start();   // the JVM's own notices go there, not into the handshake
        CompletableFuture<Boolean> opened = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals("open")) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        boolean open;
        try {
            open = opened.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            open = false;
        }
        if (!open) {
            new Holder(p).close();
            throw new IOException("the holding process did not open " + db + ": " + Files.readString(log));
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
                    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);   // its file lock goes with it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
