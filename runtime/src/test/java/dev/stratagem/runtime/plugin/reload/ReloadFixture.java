package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.testing.RunFiles;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Real jars for the hot-reload tests: the reactor-built reload-probe versions, and broken variants of them. */
final class ReloadFixture {

    private ReloadFixture() {}

    static Path testPlugins() {
        return Path.of(System.getProperty("stratagem.test.plugins.dir", "target/test-plugins")).toAbsolutePath();
    }

    static Path jar(String name) {
        return testPlugins().resolve("plugin-" + name + ".jar");
    }

    /**
     * Starts a kernel on a run file with hot reload's defaults, its version store in {@code dir}, and follows its
     * reload events.
     *
     * @return the kernel; the caller shuts it down
     */
    static Kernel kernel(Path dir, Path run, Path plugins, Path db, Events events) {
        Kernel kernel = Kernel.start(run, RunConfig.load(run), plugins, db,
                ReloadSettings.defaults(plugins).withVersions(dir.resolve("versions")));
        kernel.hotReload().onEvent(events.queue::add);
        return kernel;
    }

    /**
     * Has reload-probe 1.0.0 ({@code ReloadProbeV1Composer}) append a line to {@code closed.log} in {@code dir} when
     * an instance is closed; the caller clears {@link #CLOSED_LOG} when done.
     *
     * @return the log's path
     */
    static Path probeClosedLog(Path dir) {
        Path log = dir.resolve("closed.log");
        System.setProperty(CLOSED_LOG, log.toString());
        return log;
    }

    /** @return the lines reload-probe 1.0.0 has written to its closed log so far, none before the first */
    static java.util.List<String> closedLines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : java.util.List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The system property reload-probe 1.0.0 reads. */
    static final String CLOSED_LOG = "stratagem.reloadProbe.closedLog";

    /** A plugins folder with the built-in jars and reload-probe 1.0.0 as {@code reload-probe.jar}. */
    static Path pluginsWithV1(Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (String builtIn : new String[] {"indicators", "rules", "paper"}) {
            Files.copy(TestPaths.plugins().resolve("plugin-" + builtIn + ".jar"), plugins.resolve(builtIn + ".jar"));
        }
        Files.copy(jar("reload-v1"), plugins.resolve("reload-probe.jar"));
        return plugins;
    }

    /** Deploys like an author should: a temp file in the folder, then an atomic rename over the jar. */
    static void drop(Path jar, Path plugins, String name) throws IOException {
        Path tmp = Files.createTempFile(plugins, ".deploy-", ".tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, plugins.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path truncated(Path jar, Path out) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        Files.write(out, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        return out;
    }

    /** A copy of {@code jar} without the entries {@code drop} matches and with a manifest {@code edit}ed. */
    static Path rewritten(Path jar, Path out, Predicate<String> drop, java.util.function.Consumer<Attributes> edit)
            throws IOException {
        return rewritten(jar, out, (name, bytes) -> drop.test(name) ? null : bytes, edit);
    }

    /**
     * @param replace each entry's name and bytes to the bytes the copy gets, {@code null} to leave it out
     * @return {@code out}: a copy of the jar with its entries replaced and its manifest edited
     */
    static Path rewritten(Path jar, Path out, java.util.function.BiFunction<String, byte[], byte[]> replace,
            java.util.function.Consumer<Attributes> edit) throws IOException {
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            edit.accept(manifest.getMainAttributes());
            try (OutputStream file = Files.newOutputStream(out); JarOutputStream zip = new JarOutputStream(file, manifest)) {
                for (JarEntry e : java.util.Collections.list(in.entries())) {
                    byte[] bytes;
                    try (InputStream body = in.getInputStream(e)) {
                        bytes = replace.apply(e.getName(), body.readAllBytes());
                    }
                    if (e.getName().equals(JarFile.MANIFEST_NAME) || bytes == null) {
                        continue;
                    }
                    zip.putNextEntry(new JarEntry(e.getName()));
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        }
        return out;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Calls the console API at {@code api}, with a JSON body and a bearer token if given. */
    static HttpResponse<String> http(String api, String method, String path, String body, String bearer)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reload events as they are recorded, to await one. */
    static final class Events {
        final BlockingQueue<ReloadEvent> queue = new LinkedBlockingQueue<>();

        ReloadEvent next(Duration within) throws InterruptedException {
            ReloadEvent e = queue.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no reload event within " + within);
            }
            return e;
        }
    }

    /**
     * Writes a paper run on the ORCL replay: the strategy {@code id} on {@code composer} (whose plugin the
     * test reloads) and, when {@code withSma}, the strategy {@code t} on the SMA crossover, which keeps running.
     */
    static Path runFile(Path dir, double speed, String id, String features, String composer, boolean withSma)
            throws IOException {
        Files.writeString(dir.resolve(id + ".yaml"),
                RunFiles.orclStrategy(id, 100_000, features, "{ id: " + composer + " }"));
        if (!withSma) {
            return RunFiles.onOrcl(dir, speed, id + ".yaml");
        }
        Files.writeString(dir.resolve("t.yaml"), RunFiles.smaStrategy("t", 100_000, 10, 30));
        return RunFiles.onOrcl(dir, speed, id + ".yaml", "t.yaml");
    }
}
