package dev.stratagem.runtime.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.history.SeriesPoint;
import dev.stratagem.runtime.http.JsonBodies;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.StrategyCommand;
import dev.stratagem.runtime.web.StrategyState;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code /api/strategies}: each strategy with its state, equity and PnL; start, stop, pause. */
final class StrategiesApi {

    /**
     * @param strategyId the strategy
     * @param runId its latest run
     * @param mode backtest, paper or live
     * @param state RUNNING, PAUSED, STOPPED or FINISHED
     * @param reason why it is PAUSED, {@code null} otherwise
     * @param capital the starting capital, {@code null} if unknown
     * @param equity the latest recorded equity, {@code null} if nothing is recorded
     * @param pnl equity minus capital, {@code null} if either is unknown
     * @param trades closed trades (finished runs)
     * @param lastSequence the latest recorded cycle
     */
    record StrategyView(String strategyId, String runId, String mode, String state, String reason, BigDecimal capital,
            Double equity, Double pnl, int trades, long lastSequence) {}

    private final ConsoleSources sources;

    StrategiesApi(ConsoleSources sources) {
        this.sources = sources;
    }

    void list(RoutingContext ctx) {
        JdbiHistoryStore store = sources.store();
        List<StrategyView> views = new ArrayList<>();
        for (StrategyState s : sources.control().strategies()) {
            RunRow run = store.run(s.runId()).orElse(null);
            BigDecimal capital = run == null ? null : capital(run.configJson());
            Double equity = run != null && run.finalEquity() != null ? Double.valueOf(run.finalEquity().doubleValue())
                    : store.lastEquity(s.runId()).map(SeriesPoint::value).orElse(null);
            Double pnl = capital == null || equity == null ? null : equity - capital.doubleValue();
            views.add(new StrategyView(s.strategyId(), s.runId(), run == null ? "" : run.mode(), s.state(),
                    s.reason(), capital,
                    equity, pnl, run == null ? 0 : run.trades(), store.lastSequence(s.runId())));
        }
        ApiJson.send(ctx, views);
    }

    void start(RoutingContext ctx) {
        command(ctx, StrategyCommand.START);
    }

    void stop(RoutingContext ctx) {
        command(ctx, StrategyCommand.STOP);
    }

    void pause(RoutingContext ctx) {
        command(ctx, StrategyCommand.PAUSE);
    }

    private void command(RoutingContext ctx, StrategyCommand command) {
        JsonBodies.object(ctx, Set.of());
        ApiJson.send(ctx, sources.control().command(ctx.pathParam("strategyId"), command));
    }

    static BigDecimal capital(String configJson) {
        JsonNode capital = ApiJson.read(configJson).get("capital");
        return capital == null || !capital.isNumber() ? null : capital.decimalValue();
    }
}
