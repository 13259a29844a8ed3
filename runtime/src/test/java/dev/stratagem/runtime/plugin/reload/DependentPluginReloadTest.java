package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.kernel.Addresses;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins that depend on the swapped plugin are reloaded too: {@code dep-user} (Plugin-Dependencies:
 * dep-base) sizes nothing itself but says which {@code dep-base} it linked against. Both jars are compiled
 * here from source, like two small plugin modules. Dropping dep-base 2.0.0 re-loads dep-user against it
 * (validated, swapped in the same step); a dep-base 3.0.0 that breaks dep-user's linkage is refused and
 * 2.0.0 keeps serving both.
 */
class DependentPluginReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void a_new_base_version_reloads_its_dependents_against_it_and_one_that_breaks_them_is_refused() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        for (String builtIn : new String[] {"indicators", "paper"}) {
            Files.copy(TestPaths.plugins().resolve("plugin-" + builtIn + ".jar"), plugins.resolve(builtIn + ".jar"));
        }
        Path base1 = base("1.0.0", "public static String version() { return \"1.0.0\"; }");
        // the dependent sorts first in the folder: it must still load after what it depends on
        Files.copy(user(base1), plugins.resolve("a-user.jar"));
        Files.copy(base1, plugins.resolve("b-base.jar"));
        Path run = runFile();
        Kernel kernel = Kernel.start(run, RunConfig.load(run), plugins, tmp.resolve("history"),
                ReloadSettings.defaults(plugins).withVersions(tmp.resolve("versions")));
        ReloadFixture.Events events = new ReloadFixture.Events();
        kernel.hotReload().onEvent(events.queue::add);
        AtomicReference<CycleRecord> last = new AtomicReference<>();
        kernel.vertx().eventBus().<CycleRecord>consumer(Addresses.cycleResult("u"), m -> last.set(m.body()));
        try {
            awaitRationale(last, "linked against dep-base 1.0.0");

            ReloadFixture.drop(base("2.0.0", "public static String version() { return \"2.0.0\"; }"), plugins,
                    "b-base.jar");
            ReloadEvent swapped = events.next(WAIT);
            assertThat(swapped.outcome()).as(swapped.reason()).isEqualTo(ReloadEvent.SWAPPED);
            assertThat(swapped.pluginId()).isEqualTo("dep-base");
            assertThat(swapped.newVersion()).isEqualTo("2.0.0");
            assertThat(swapped.strategies()).containsExactly("u");
            assertThat(swapped.reason()).contains("dependents reloaded against it: [dep-user 1.0.0");
            awaitRationale(last, "linked against dep-base 2.0.0");
            assertThat(last.get().versions()).extracting(ComponentVersion::source, ComponentVersion::version)
                    .contains(org.assertj.core.groups.Tuple.tuple("dep-user", "1.0.0"));

            // 3.0.0 drops the method dep-user calls: the replay of u's recent cycles fails to link
            ReloadFixture.drop(base("3.0.0", "public static String release() { return \"3.0.0\"; }"), plugins,
                    "b-base.jar");
            ReloadEvent refused = events.next(WAIT);
            assertThat(refused.outcome()).as(refused.reason()).isEqualTo(ReloadEvent.REFUSED);
            assertThat(refused.reason()).contains("strategy 'u'").contains("NoSuchMethodError");
            assertThat(kernel.plugins().list()).filteredOn(p -> p.pluginId().equals("dep-base")).singleElement()
                    .satisfies(p -> assertThat(p.version()).isEqualTo("2.0.0"));
            long seq = last.get().sequence();
            awaitSequence(last, seq + 10);
            assertThat(last.get().decision().rationale()).isEqualTo("linked against dep-base 2.0.0");
        } finally {
            kernel.shutdown("test over");
        }
    }

    private static void awaitRationale(AtomicReference<CycleRecord> last, String rationale) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (last.get() == null || last.get().decision() == null
                || !rationale.equals(last.get().decision().rationale())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no cycle of u said '" + rationale + "'; last: " + last.get());
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitSequence(AtomicReference<CycleRecord> last, long sequence) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (last.get().sequence() < sequence) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("u did not reach cycle " + sequence + "; last: " + last.get());
            }
            Thread.onSpinWait();
        }
    }

    /** dep-base: a composer (a plugin needs an extension) and the class dep-user links against. */
    private Path base(String version, String sizerMethod) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src-base-" + version).resolve("dev/stratagem/test/depbase"));
        Files.writeString(src.resolve("Sizer.java"), """
                package dev.stratagem.test.depbase;
                public final class Sizer {
                    %s
                }
                """.formatted(sizerMethod));
        Files.writeString(src.resolve("BaseComposer.java"), """
                package dev.stratagem.test.depbase;
                @org.pf4j.Extension
                public final class BaseComposer implements dev.stratagem.api.DecisionComposer {
                    public String id() { return "dep-base"; }
                    public dev.stratagem.api.ComposeResult compose(dev.stratagem.api.ComposeContext c) {
                        return dev.stratagem.api.ComposeResult.noop("base");
                    }
                }
                """);
        return jar("dep-base", version, "", tmp.resolve("src-base-" + version), null,
                "dev.stratagem.test.depbase.BaseComposer");
    }

    /** dep-user 1.0.0, compiled against {@code baseJar}, its Plugin-Dependencies naming dep-base. */
    private Path user(Path baseJar) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src-user").resolve("dev/stratagem/test/depuser"));
        Files.writeString(src.resolve("UserComposer.java"), """
                package dev.stratagem.test.depuser;
                @org.pf4j.Extension
                public final class UserComposer implements dev.stratagem.api.DecisionComposer {
                    public String id() { return "dep-user"; }
                    public dev.stratagem.api.ComposeResult compose(dev.stratagem.api.ComposeContext c) {
                        return dev.stratagem.api.ComposeResult.noop(
                                "linked against dep-base " + dev.stratagem.test.depbase.Sizer.version());
                    }
                }
                """);
        return jar("dep-user", "1.0.0", "dep-base", tmp.resolve("src-user"), baseJar,
                "dev.stratagem.test.depuser.UserComposer");
    }

    private Path jar(String id, String version, String dependencies, Path sources, Path dependencyJar,
            String extension) throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("classes-" + id + "-" + version));
        String classPath = location(DecisionComposer.class) + java.io.File.pathSeparator + location(org.pf4j.Extension.class)
                + (dependencyJar == null ? "" : java.io.File.pathSeparator + dependencyJar);
        List<String> args = new java.util.ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", classPath));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).as("javac " + args).isZero();
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Dependencies", dependencies);
        Path jar = tmp.resolve(id + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            zip.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            zip.write((extension + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path runFile() throws IOException {
        return ReloadFixture.runFile(tmp, 86_400_000.0 / 4, "u", "close", "dep-user", false);
    }
}
