package dev.stratagem.runtime.script;

import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one GraalVM engine every script context of the JVM shares (so compiled code is shared), and the
 * sandbox every context is built with: no host class lookup, no file or network IO, no threads, processes,
 * native access or environment, and of the host objects only the members marked
 * {@link HostAccess.Export} (plus indexing of the arrays passed in).
 */
public final class ScriptEngines {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptEngines.class);

    /** Host access for every context of the engine: only exported members, and array elements. */
    static final HostAccess ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true).build();

    private static Engine shared;

    private ScriptEngines() {}

    /**
     * @return the shared engine, created on first use; logs its implementation and warns loudly if scripts
     *     would run interpreted (the Graal JIT is not on the module path)
     */
    public static synchronized Engine shared() {
        if (shared == null) {
            shared = Engine.newBuilder()
                    // One compilation tier: each new strategy context compiles its hot functions straight to the
                    // optimizing tier instead of twice. Measured with bench/run --only scripts (1M bars, two
                    // alternating pairs on 2 vCPUs): JavaScript 376k/355k -> 453k/498k bars/s, Python 175k/210k
                    // -> 216k/249k; experimental in 25.0.3, hence allowExperimentalOptions.
                    .allowExperimentalOptions(true)
                    .option("engine.MultiTier", "false")
                    .option("engine.WarnInterpreterOnly", "false")
                    .out(OutputStream.nullOutputStream())
                    .err(OutputStream.nullOutputStream())
                    .build();
            String implementation = shared.getImplementationName();
            if (isInterpreted(shared)) {
                LOG.warn("""

                        ************************************************************************
                        * SCRIPTS RUN INTERPRETED (engine: {}), 3-9x slower than compiled.
                        * Start the JVM with the Graal JIT, as ./stratagem does:
                        *   -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI
                        *   --upgrade-module-path=runtime/target/graal (all org.graalvm.* 25.0.3)
                        ************************************************************************""",
                        implementation);
            } else {
                LOG.info("script engine: {} (GraalVM {}), languages {}", implementation, shared.getVersion(),
                        shared.getLanguages().keySet());
            }
        }
        return shared;
    }

    /**
     * @param engine an engine
     * @return whether it runs guest code without the JIT
     */
    public static boolean isInterpreted(Engine engine) {
        return engine.getImplementationName().toLowerCase(java.util.Locale.ROOT).contains("interpreted");
    }

    /** A new sandboxed context for one script version. */
    static Context newContext(Engine engine, ScriptLanguage language, OutputStream out) {
        Context.Builder builder = Context.newBuilder(language.graalId())
                .engine(engine)
                .allowHostAccess(ACCESS)
                .allowHostClassLookup(name -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .out(out)
                .err(out);
        if (language == ScriptLanguage.PYTHON) {
            builder.option("python.PosixModuleBackend", "java");
        }
        return builder.build();
    }
}
