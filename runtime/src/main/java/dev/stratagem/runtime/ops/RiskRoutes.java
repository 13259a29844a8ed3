package dev.stratagem.runtime.ops;

import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.runtime.risk.BreakerState;
import dev.stratagem.runtime.risk.BreakerTransition;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.SleeveState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** The JSON of {@code GET /risk}, {@code POST /risk/reset} and {@code GET /portfolio}. */
final class RiskRoutes {

    private final RiskEngine engine;

    RiskRoutes(RiskEngine engine) {
        this.engine = engine;
    }

    /** @return every breaker (each strategy, then the portfolio) with its last transition, and the kill switch */
    JsonObject risk() {
        Map<String, BreakerTransition> last = engine.lastTransitions();
        JsonArray breakers = new JsonArray();
        engine.states().forEach((scope, state) -> breakers.add(breaker(scope, state, last.get(scope))));
        return new JsonObject().put("breakers", breakers).put("killSwitch", OpsServer.toJson(engine.killSwitch().state()));
    }

    /**
     * @param scope a strategy id or {@code portfolio}
     * @param reason why the operator resets it
     * @param actor who resets it
     * @return the breaker after the reset, with {@code changed} false if it was not PAUSED or HALTED
     * @throws IllegalArgumentException on a missing scope or reason, or an unknown scope
     */
    JsonObject reset(String scope, String reason, String actor) {
        if (scope.isBlank()) {
            throw new IllegalArgumentException("scope is required: a strategy id or '" + RiskEngine.PORTFOLIO + "'");
        }
        Optional<BreakerTransition> t = engine.reset(scope, reason.isBlank() ? reason : reason + " (by " + actor + ")");
        BreakerTransition last = engine.lastTransitions().get(scope);
        return breaker(scope, engine.states().get(scope), last).put("changed", t.isPresent());
    }

    /** @return the shared portfolio view: totals over every sleeve, and each sleeve */
    JsonObject portfolio() {
        BigDecimal equity = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal capital = BigDecimal.ZERO;
        JsonArray sleeves = new JsonArray();
        for (SleeveState s : engine.sleeves()) {
            PortfolioView v = s.last();
            equity = equity.add(BigDecimal.valueOf(s.equity()));
            capital = capital.add(BigDecimal.valueOf(s.capital()));
            JsonObject j = new JsonObject().put("strategy", s.strategyId()).put("runId", s.runId())
                    .put("capital", s.capital()).put("equity", s.equity()).put("breaker", s.breaker().name());
            if (v != null) {
                gross = gross.add(BigDecimal.valueOf(v.grossExposure()));
                net = net.add(BigDecimal.valueOf(v.netExposure()));
                JsonArray positions = new JsonArray();
                for (PositionSnapshot p : v.positions()) {
                    positions.add(new JsonObject().put("symbol", p.symbol()).put("quantity", p.quantity())
                            .put("markPrice", p.markPrice()).put("value", p.quantity() * p.markPrice()));
                }
                j.put("ts", v.ts()).put("cash", v.cash()).put("grossExposure", v.grossExposure())
                        .put("netExposure", v.netExposure()).put("leverage", v.leverage())
                        .put("realizedPnl", v.realizedPnl()).put("positions", positions);
            } else {
                j.put("cash", s.capital()).put("grossExposure", 0.0).put("netExposure", 0.0).put("leverage", 0.0)
                        .put("positions", new JsonArray());
            }
            sleeves.add(j);
        }
        return new JsonObject().put("totalEquity", equity.doubleValue()).put("totalCapital", capital.doubleValue())
                .put("grossExposure", gross.doubleValue()).put("netExposure", net.doubleValue())
                .put("breaker", engine.states().get(RiskEngine.PORTFOLIO).name()).put("sleeves", sleeves);
    }

    private static JsonObject breaker(String scope, BreakerState state, BreakerTransition last) {
        JsonObject j = new JsonObject().put("scope", scope).put("state", state.name());
        if (last != null) {
            j.put("last", new JsonObject().put("from", last.from().name()).put("to", last.to().name())
                    .put("cause", last.cause()).put("ts", last.ts()).put("equity", last.equity()));
        }
        return j;
    }
}
