package dev.stratagem.runtime.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratagem.runtime.history.KillSwitchRow;
import dev.stratagem.runtime.http.JsonBodies;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.StrategyState;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/risk}: each strategy's limits and the kill switch; engaging or releasing it. */
final class RiskApi {

    private final ConsoleSources sources;

    RiskApi(ConsoleSources sources) {
        this.sources = sources;
    }

    void state(RoutingContext ctx) {
        List<Map<String, Object>> strategies = new ArrayList<>();
        for (StrategyState s : sources.control().strategies()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("strategyId", s.strategyId());
            one.put("runId", s.runId());
            one.put("state", s.state());
            JsonNode constraints = sources.store().run(s.runId())
                    .map(r -> ApiJson.read(r.configJson()).get("constraints")).orElse(null);
            one.put("constraints", constraints == null ? Map.of() : constraints);
            strategies.add(one);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("killSwitch", sources.control().killSwitch());
        body.put("strategies", strategies);
        ApiJson.send(ctx, body);
    }

    void killSwitch(RoutingContext ctx) {
        ApiJson.send(ctx, sources.control().killSwitch());
    }

    void setKillSwitch(RoutingContext ctx) {
        JsonNode body = JsonBodies.object(ctx, Set.of("engaged", "reason"));
        boolean engaged = JsonBodies.requiredBoolean(body, "engaged");
        String reason = JsonBodies.optionalText(body, "reason", 500);
        KillSwitchRow row = sources.control().setKillSwitch(engaged, reason, "console");
        ApiJson.send(ctx, row);
    }
}
