package dev.stratagem.runtime.script;

import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * Calls every exported {@link ScriptApi} member once from a guest, in a throwaway context, before the first
 * script of a language loads on an engine. The first call of a host method from any guest builds its method
 * handles on the calling thread (LambdaForm spinning, measured at over 5 ms of CPU here): left to a strategy's
 * first buy, that call could run past the per-call budget and fail a cycle depending on how loaded the
 * machine is, which would make a backtest's digest depend on the machine. The method handles are the
 * engine's, so every later context finds them built; the strategies' own contexts never run this code.
 */
final class InteropWarmUp {

    private static final Source JS = Source.create("js", """
            (function (api, f) {
              api.param('p'); api.feature('f'); api.buy(1.5); api.sell(1.5); api.close(); api.reject('r');
              api.clamp(1.5, 'r'); api.log('warm-up');
              return String(api.symbol) + api.ts + api.position + api.cash + api.equity + api.sharpe
                + api.trades + api.side + api.quantity + api.price + api.state + f[0] + f.length;
            })""");
    private static final Source PYTHON = Source.create("python", """
            lambda api, f: (api.param('p'), api.feature('f'), api.buy(1.5), api.sell(1.5), api.close(),
                api.reject('r'), api.clamp(1.5, 'r'), api.log('warm-up'), api.symbol, api.ts, api.position,
                api.cash, api.equity, api.sharpe, api.trades, api.side, api.quantity, api.price, api.state,
                f[0], len(f))""");

    private static final Logger LOG = LoggerFactory.getLogger(InteropWarmUp.class);
    private static final Map<Engine, Set<ScriptLanguage>> DONE = new WeakHashMap<>();

    private InteropWarmUp() {}

    /**
     * Runs the warm-up of {@code language} on {@code engine} unless it has succeeded there already; a script
     * loading meanwhile waits for it. A failed warm-up is logged and tried again by the next script.
     */
    static void ensure(Engine engine, ScriptLanguage language) {
        synchronized (DONE) {
            Set<ScriptLanguage> done = DONE.computeIfAbsent(engine, e -> EnumSet.noneOf(ScriptLanguage.class));
            if (done.contains(language)) {
                return;
            }
            ScriptApi probe = new ScriptApi(Map.of("p", 1), List.of("f"), NOPLogger.NOP_LOGGER);
            probe.at("WARM", 1);
            try (Context context = ScriptEngines.newContext(engine, language, OutputStream.nullOutputStream())) {
                context.eval(language == ScriptLanguage.JS ? JS : PYTHON).execute(probe, new double[] {1});
                done.add(language);
            } catch (RuntimeException e) {
                LOG.warn("{} api warm-up failed (a script's first api calls may then run long): {}", language, e.toString());
            }
        }
    }
}
