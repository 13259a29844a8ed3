package dev.stratagem.runtime.script;

import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.slf4j.helpers.NOPLogger;

/**
 * Crosses every exported {@link ScriptApi} member once, from the guest, on a throwaway api, while a script
 * loads. The first call of a host method from any guest builds its method handles on the calling thread
 * (LambdaForm spinning, measured at 5-50 ms of CPU on these machines): left to the strategy's first buy, that
 * call could run past the per-call budget and fail a cycle depending on how loaded the machine is, which
 * would make a backtest's digest depend on the machine. Warmed here, it happens under the load budget.
 */
final class InteropWarmUp {

    private static final Source JS = Source.create("js", """
            (function (api, f) {
              api.param('p'); api.feature('f'); api.buy(1); api.sell(1); api.close(); api.reject('r');
              api.clamp(1, 'r'); api.log('warm-up');
              api.state = String(api.symbol) + api.ts + api.position + api.cash + api.equity + api.sharpe
                + api.trades + api.side + api.quantity + api.price + api.state + f[0] + f.length;
            })""");
    private static final Source PYTHON = Source.create("python", """
            lambda api, f: (api.param('p'), api.feature('f'), api.buy(1), api.sell(1), api.close(),
                api.reject('r'), api.clamp(1, 'r'), api.log('warm-up'),
                setattr(api, 'state', str(api.symbol) + str(api.ts + api.position + api.cash + api.equity
                    + api.sharpe + api.trades + api.quantity + api.price + f[0] + len(f)) + api.side
                    + str(api.state)))""");

    private InteropWarmUp() {}

    /** Runs the warm-up of {@code language} in {@code context}; the guest defines no name doing it. */
    static void run(Context context, ScriptLanguage language) {
        ScriptApi probe = new ScriptApi(Map.of("p", 1), List.of("f"), NOPLogger.NOP_LOGGER);
        probe.symbol = "WARM";
        probe.position = 1;
        context.eval(language == ScriptLanguage.JS ? JS : PYTHON).execute(probe, new double[] {1});
    }
}
