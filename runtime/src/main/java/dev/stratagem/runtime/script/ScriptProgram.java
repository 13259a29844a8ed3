package dev.stratagem.runtime.script;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.runtime.plugin.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One version of a script: its source evaluated in its own fresh context (never re-evaluated into an old
 * one), its functions, and the {@code api} object it talks to. Every call goes through {@link #call} under
 * the watchdog, and every guest failure becomes a {@link ScriptFailure} naming file, line and column. A call
 * that runs past its budget fails, also when it ignored its interrupt until it returned; one abandoned on a
 * {@link ScriptSupervisor}'s thread leaves the version {@link #abandoned()}: its component {@link #rebuilt rebuilds}
 * it from the same source.
 */
final class ScriptProgram implements AutoCloseable {

    /** Evaluating a script's source in a fresh (cold) context: the first Python context takes seconds. */
    static final Duration LOAD_BUDGET = Duration.ofSeconds(30);
    /** A script's {@code init}, cold, once per version. */
    static final Duration INIT_BUDGET = Duration.ofSeconds(5);
    /** The first calls of a fresh version run cold (interpreted, compiling): they get this budget instead. */
    static final Duration COLD_BUDGET = Duration.ofSeconds(10);
    static final int COLD_CALLS = 3;

    final ScriptManifest manifest;
    final ScriptRole role;
    final String sha256;
    final ComponentVersion version;
    final ScriptApi api;
    /** The source this version was built from (kept for rollback). */
    final byte[] source;
    /** The parameters, engine and settings it was built with (to rebuild it). */
    private final Map<String, Object> params;
    private final Engine engine;
    private final ScriptSettings settings;
    /**
     * A features script's: the sequence number of the last bar fed to this version, by a reload's validation, its
     * swap's catch-up or a cycle; the next call feeds it the kept bars it missed first. -1 if none.
     */
    volatile long fedUpTo = -1;
    /**
     * A features script's: the bar a call is feeding this version; above {@link #fedUpTo} once a call on it was
     * abandoned, and then not fed to the version rebuilt in its place. -1 if none.
     */
    long feeding = -1;
    /** Its context, and the guest values bound to it: dropped once a call exhausted the heap ({@link #exhausted}). */
    private Context context;
    private final ScriptWatchdog.Guard guard;
    private Value main;
    private Value init;
    private Value save;

    private ScriptProgram(ScriptManifest manifest, ScriptRole role, String sha256, byte[] source,
            Map<String, Object> params, Engine engine, ScriptSettings settings, ScriptApi api, Context context,
            ScriptWatchdog.Guard guard) {
        this.manifest = manifest;
        this.source = source;
        this.params = params;
        this.engine = engine;
        this.settings = settings;
        this.role = role;
        this.sha256 = sha256;
        this.api = api;
        this.context = context;
        this.guard = guard;
        this.version = new ComponentVersion(role.recorded(), manifest.id(),
                "script:" + manifest.folder(), manifest.version(), sha256);
        Value bindings = context.getBindings(manifest.language().graalId());
        this.main = function(bindings, role.function(), true);
        this.init = function(bindings, "init", false);
        this.save = function(bindings, "save", false);
    }

    /**
     * Reads, hashes and evaluates the script in a fresh sandboxed context and calls its {@code init}; on a
     * {@link ScriptSupervisor}'s thread of its own unless called on one, so that a script whose loading cannot be
     * stopped does not hold the caller.
     *
     * @param given the source to build instead of the entry file (a rollback to a version no longer on disk), or
     *     {@code null}
     * @throws ScriptException for a syntax error (file:line:column), a missing function, a load that was abandoned
     * @throws ScriptFailure for an init failure
     */
    static ScriptProgram build(ScriptManifest manifest, ScriptRole role, Map<String, Object> params,
            List<String> featureNames, String state, Engine engine, ScriptSettings settings, byte[] given) {
        if (ScriptSupervisor.supervises(Thread.currentThread())) {
            return buildHere(manifest, role, params, featureNames, state, engine, settings, given);
        }
        try (ScriptSupervisor loader = new ScriptSupervisor("load-" + manifest.id())) {
            return loader.call(() -> buildHere(manifest, role, params, featureNames, state, engine, settings, given),
                    abandoned -> {
                        throw new ScriptException("script " + manifest.id() + " does not load: "
                                + abandoned.getMessage());
                    });
        }
    }

    private static ScriptProgram buildHere(ScriptManifest manifest, ScriptRole role, Map<String, Object> params,
            List<String> featureNames, String state, Engine engine, ScriptSettings settings, byte[] given) {
        if (!manifest.roles().contains(role)) {
            throw new ScriptException("script " + manifest.id() + " (" + manifest.file() + ") does not declare the role '"
                    + role.recorded() + "'; it declares " + manifest.roles());
        }
        byte[] bytes = given;
        if (bytes == null) {
            try {
                bytes = Files.readAllBytes(manifest.entry());
            } catch (IOException e) {
                throw new ScriptException(manifest.entry() + ": cannot read: " + e.getMessage(), e);
            }
        }
        String sha = HexFormat.of().formatHex(Sha256.newDigest().digest(bytes)).substring(0, Sha256.PREFIX);
        Logger log = LoggerFactory.getLogger("script." + manifest.id());
        ScriptApi api = new ScriptApi(params, featureNames, log);
        InteropWarmUp.ensure(engine, manifest.language());
        Context context = ScriptEngines.newContext(engine, manifest.language(), new LogStream(api));
        ScriptWatchdog.Guard guard = ScriptWatchdog.SHARED.guard(manifest.id() + " (" + manifest.entry() + ")", role,
                context, settings.budget(), settings.grace());
        try {
            Source source = Source.newBuilder(manifest.language().graalId(),
                    new String(bytes, StandardCharsets.UTF_8), manifest.entry().toString()).build();
            long started = guard.enter(LOAD_BUDGET.toNanos(), "");
            try {
                context.eval(source);
            } finally {
                guard.exit(started);
            }
            ScriptProgram program = new ScriptProgram(manifest, role, sha, bytes, params, engine, settings, api,
                    context, guard);
            program.init(state);
            return program;
        } catch (PolyglotException e) {
            close(context, guard);
            throw new ScriptException("script " + manifest.id() + " does not load: " + describe(e, manifest, false), e);
        } catch (IOException e) {
            close(context, guard);
            throw new ScriptException(manifest.entry() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(context, guard);
            throw e;
        }
    }

    /**
     * This version again, in a new context: the same source, manifest, parameters and feature names, so the same
     * recorded version. Its {@code init} runs without state: whatever the old context held in memory is gone.
     *
     * @throws ScriptException or ScriptFailure if it does not load now
     */
    ScriptProgram rebuilt() {
        return build(manifest, role, params, api.featureNames(), null, engine, settings, source);
    }

    /** @return whether a call of this version was abandoned: its context is gone, it takes no more calls */
    boolean abandoned() {
        return guard.abandoned();
    }

    /**
     * @return whether a call of this version exhausted the heap or the stack: its context was closed right then, so
     *     that what the script held (an array it grew without bound, say) no longer starves the other strategies, the
     *     history writer and the HTTP API of a runtime that shares the heap. It takes no more calls; its component
     *     rebuilds it at the next one, as after an abandoned call, unless the failures paused it.
     */
    boolean exhausted() {
        return exhausted;
    }

    private volatile boolean exhausted;

    /** @return why a call of this version was abandoned, {@code null} if none was */
    ScriptFailure abandonment() {
        return guard.abandonment();
    }

    /** Calls {@code init(api)} with the handed-over state (if the script defines init). */
    void init(String state) {
        api.state = state;
        api.newLogBudget();   // its own log lines: the cap is a call's
        if (init != null) {
            callWithin(init, "init", INIT_BUDGET.toNanos(), api);
        }
    }

    /** @return the state {@code save()} hands over to the next version, or {@code null} */
    String save() {
        if (save == null) {
            return null;
        }
        api.newLogBudget();
        Value saved = call(save, "save");
        if (saved.isNull()) {
            return null;
        }
        if (!saved.isString()) {
            throw new ScriptFailure(where() + ": save() must return a string (JSON, say) or nothing, returned "
                    + safeText(saved), false);
        }
        return saved.asString();
    }

    private int calls;
    private final Object[] hostArgs = new Object[4];
    private final Value[] guestArgs = new Value[4];
    private int nextSlot;

    /** Calls the role's main function; the first {@link #COLD_CALLS} calls get the {@link #COLD_BUDGET}. */
    Value callMain(Object... args) {
        if (calls < COLD_CALLS) {
            calls++;
            return callWithin(main, role.function(), Math.max(COLD_BUDGET.toNanos(), guard.budgetNanos()), args);
        }
        return call(main, role.function(), args);
    }

    Value call(Value function, String name, Object... args) {
        return callWithin(function, name, 0, args);
    }

    private Value callWithin(Value function, String name, long budgetNanos, Object... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof ScriptApi || args[i] instanceof double[]) {
                args[i] = guest(args[i]);
            }
        }
        long started = guard.enter(budgetNanos > 0 ? budgetNanos : guard.budgetNanos(), name);
        Value result;
        try {
            result = function.execute(args);
        } catch (PolyglotException e) {
            if (guard.exit(started) || e.isInterrupted()) {
                throw overran(name, started, location(e, manifest));
            }
            ScriptFailure failure = new ScriptFailure(describe(e, manifest, true), false);
            if (e.isResourceExhausted()) {
                exhausted = true;
                close();   // no call runs in it now: its heap is freed at once, not when it is rebuilt
                release();
            }
            throw failure;
        } catch (RuntimeException | Error e) {
            guard.exit(started);
            throw e;
        }
        if (guard.exit(started)) {
            throw overran(name, started, where()); // it ignored the interrupt until it returned
        }
        return result;
    }

    private ScriptFailure overran(String name, long started, String where) {
        return new ScriptFailure(manifest.id() + " " + name + "() ran past its " + guard.budgetMillis()
                + " ms budget and was stopped after " + (System.nanoTime() - started) / 1_000_000 + " ms (" + where
                + ")", true);
    }

    /**
     * The guest value of a host object passed on every call (the api, a reused feature buffer), converted once:
     * an argument given as a {@link Value} crosses without a new host wrapper. Identity-keyed, a few slots.
     */
    private Value guest(Object host) {
        for (int i = 0; i < hostArgs.length; i++) {
            if (hostArgs[i] == host) {
                return guestArgs[i];
            }
        }
        int slot = nextSlot;
        nextSlot = (slot + 1) % hostArgs.length;
        guestArgs[slot] = context.asValue(host);
        hostArgs[slot] = host;
        return guestArgs[slot];
    }

    String where() {
        return manifest.entry().toString();
    }

    @Override
    public void close() {
        if (context != null) {
            close(context, guard);
        }
    }

    /**
     * Drops every reference this version holds into its closed context: a closed context keeps the heap its guest
     * code held for as long as the context, or a value of it, is reachable (measured: 245 MB of a 256 MB heap kept
     * after close, 17 MB once the references went).
     */
    private void release() {
        guard.detach();
        context = null;
        main = null;
        init = null;
        save = null;
        java.util.Arrays.fill(guestArgs, null);
        java.util.Arrays.fill(hostArgs, null);
    }

    private static void close(Context context, ScriptWatchdog.Guard guard) {
        guard.release();
        if (guard.abandoned()) {
            return; // the interrupter closes it once the abandoned call leaves it: closing here would wait for that
        }
        if (guard.busy()) {
            // a call runs on another thread (a plugin reload's replay that gave up on it): closing waits for it to
            // leave, which a call that cannot be stopped never does
            ScriptInterrupter.close(guard);
            return;
        }
        try {
            context.close(true);
        } catch (RuntimeException ignored) {
            // closing a context that was cancelled
        }
    }

    /** @return the type name with its article: "an Array", "a dict" */
    static String article(String typeName) {
        return (!typeName.isEmpty() && "AEIOUaeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }

    /**
     * What a script returned, for an error message, shown without running its code: a number or boolean as itself,
     * anything else by its type (a {@code dict}, say), not its text. Turning a guest value into text runs its own
     * code ({@code __repr__}, {@code toString}) outside any watched call, where a never-ending one would hold the
     * cycle's thread for good.
     *
     * @param value a value a script returned
     * @return a number or boolean as itself, else its type's name, or "a value" if the language gives none
     */
    static String safeText(Value value) {
        try {
            if (value.isNumber() && (value.fitsInLong() || value.fitsInDouble())) {
                return value.fitsInLong() ? Long.toString(value.asLong()) : Double.toString(value.asDouble());
            }
            if (value.isBoolean()) {
                return Boolean.toString(value.asBoolean());
            }
            Value meta = value.getMetaObject();
            return meta == null ? "a value" : article(meta.getMetaQualifiedName());
        } catch (RuntimeException e) {
            return "a value";
        }
    }

    private Value function(Value bindings, String name, boolean required) {
        Value fn = bindings.getMember(name);
        if (fn == null || fn.isNull()) {
            if (required) {
                throw new ScriptException(where() + ": a " + role.recorded() + " script must define a function "
                        + name + "(...)");
            }
            return null;
        }
        if (!fn.canExecute()) {
            throw new ScriptException(where() + ": '" + name + "' must be a function, is " + safeText(fn));
        }
        return fn;
    }

    /** GraalJS's text for an api call with the wrong number of arguments, which names the host class. */
    private static final java.util.regex.Pattern API_ARITY = java.util.regex.Pattern.compile(
            "invokeMember \\((\\w+)\\) on .*?" + ScriptApi.class.getSimpleName()
                    + "\\S* failed due to: Arity error - expected: (\\d+) actual: (\\d+)");

    /** A Java exception's qualified class name and its colon, at the start of a message. */
    private static final java.util.regex.Pattern QUALIFIED_EXCEPTION = java.util.regex.Pattern.compile(
            "^(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error): ");

    /** {@code file:line:column: message} ({@code file:line} for Python), where the guest code failed. */
    static String describe(PolyglotException e, ScriptManifest manifest, boolean withType) {
        String message = e.getMessage();
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            message = host.getClass().getSimpleName() + ": " + host.getMessage();
        } else if (e.isResourceExhausted()) {
            message = "resource exhausted (stack overflow or out of memory): " + message;
        } else if (message != null && message.contains(ScriptApi.class.getSimpleName())) {
            // GraalJS names the host class in an api call with the wrong number of arguments
            message = API_ARITY.matcher(message).replaceAll("api.$1() takes $2 argument(s), was given $3");
        } else if (e.isInternalError() && message != null) {
            // the language runtime's own exception, a sandbox refusal such as a socket or a thread: its words,
            // without its Java class
            message = QUALIFIED_EXCEPTION.matcher(message).replaceFirst("").strip();
            if (message.endsWith(" for:")) {
                message += " the file system";   // GraalPy names the path refused, and os.getcwd() has none
            }
            message += " (scripts may use no files, network, threads or processes)";
        } else if (e.isSyntaxError() && message != null) {
            java.util.regex.Matcher python = PYTHON_SYNTAX_LINE.matcher(message);
            if (manifest.language() == ScriptLanguage.PYTHON && python.find() && e.getSourceLocation() != null) {
                // GraalPy places an error at the end of the file one line past it (main.py:3:1 of a 2-line file);
                // its message has the line, "(main.py, line 2)": that line, said once
                SourceSection at = e.getSourceLocation();
                String line = python.group(1);
                return at.getSource().getName() + ":" + line + (Integer.toString(at.getStartLine()).equals(line)
                        ? ":" + at.getStartColumn() : "") + ": " + message.substring(0, python.start());
            }
            // GraalJS repeats the file and a 0-based column inside its message: the location says it once
            message = message.replace(manifest.entry() + ":", "").replaceFirst("^(SyntaxError: )\\d+:\\d+ ", "$1");
        }
        return location(e, manifest) + ": " + message;
    }

    /** The line GraalPy's syntax error message ends with: {@code invalid syntax (main.py, line 2)}. */
    private static final java.util.regex.Pattern PYTHON_SYNTAX_LINE = java.util.regex.Pattern.compile(
            " \\([^,()]+, line (\\d+)\\)$");

    static String location(PolyglotException e, ScriptManifest manifest) {
        if (manifest.language() == ScriptLanguage.PYTHON) {
            String raised = pythonRaiseSite(e, manifest);
            if (raised != null) {
                return raised;
            }
        }
        SourceSection at = e.getSourceLocation() != null && e.getSourceLocation().isAvailable() ? e.getSourceLocation()
                : topGuestFrame(e);
        if (at == null || manifest.language() == ScriptLanguage.PYTHON && at.getEndLine() > at.getStartLine()) {
            // GraalPy gives no line for an exception of a host method it called (an api call given a bad value) or
            // of its own runtime (a sandbox refusal): at most the whole function, which is better named than lined
            String function = guestFunction(e, manifest);
            return manifest.entry() + (function == null ? "" : " (in " + function + ")");
        }
        return at.getSource().getName() + ":" + at.getStartLine() + ":" + at.getStartColumn();
    }

    /**
     * GraalPy locates a failure at the failing function's {@code def}; the exception's traceback has the line that
     * raised, as Python's own traceback prints it.
     *
     * @return {@code file:line} of the innermost traceback entry in the script's file, {@code null} if there is
     *     none or the traceback cannot be read (a cancelled or closed context)
     */
    private static String pythonRaiseSite(PolyglotException e, ScriptManifest manifest) {
        if (!e.isGuestException() || e.isCancelled() || e.isResourceExhausted() || e.isSyntaxError()
                || e.getGuestObject() == null) {
            return null;
        }
        String script = manifest.entry().toString();   // the source's name, so its frames' file name
        try {
            String at = null;
            for (Value tb = e.getGuestObject().getMember("__traceback__"); tb != null && !tb.isNull();
                    tb = tb.getMember("tb_next")) {
                String file = tb.getMember("tb_frame").getMember("f_code").getMember("co_filename").asString();
                if (file.equals(script)) {
                    at = file + ":" + tb.getMember("tb_lineno").asInt();
                }
            }
            return at;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * @return the name of the innermost function of the script's own file on the failure's stack (not the library
     *     function that failed under it, {@code getaddrinfo}), {@code null} if none has one
     */
    private static String guestFunction(PolyglotException e, ScriptManifest manifest) {
        String script = manifest.entry().toString();
        String unplaced = null;   // GraalPy gives a frame under a host call no location at all
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (!frame.isGuestFrame() || frame.getRootName() == null || frame.getRootName().isBlank()) {
                continue;
            }
            if (at != null && at.getSource().getName().equals(script)) {
                return frame.getRootName();
            }
            if (at == null && unplaced == null) {
                unplaced = frame.getRootName();
            }
        }
        return unplaced;
    }

    /** @return where the innermost guest frame of the failure is, {@code null} if none says */
    private static SourceSection topGuestFrame(PolyglotException e) {
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getSourceLocation() != null && frame.getSourceLocation().isAvailable()) {
                return frame.getSourceLocation();
            }
        }
        return null;
    }

    /** The script's print output, line by line, into its log as {@code api.log} writes it: the same cap a call. */
    private static final class LogStream extends OutputStream {
        private final ScriptApi api;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LogStream(ScriptApi api) {
            this.api = api;
        }

        @Override
        public synchronized void write(int b) {
            if (api.logFull()) {
                line.reset();   // past the call's lines: dropped unread, so a script printing in a loop does not
                return;         // spend its budget on the runtime decoding lines nobody sees
            }
            if (b == '\n') {
                api.log(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (line.size() < 2000) {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length && !api.logFull(); i++) {
                write(bytes[i]);
            }
        }
    }
}
