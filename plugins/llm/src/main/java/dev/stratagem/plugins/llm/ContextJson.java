package dev.stratagem.plugins.llm;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The placeholder values of a cycle: the context as compact, deterministic JSON (NaN and infinite limits
 * become {@code null}), so the same cycle always renders the same prompt and hashes to the same key.
 */
final class ContextJson {

    /** The placeholders every template may use. */
    static final Set<String> NAMES = Set.of("features", "portfolio", "digest", "constraints", "symbols", "ts",
            "composeId", "strategyId", "schema");

    private ContextJson() {}

    static Map<String, String> values(ComposeContext ctx) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("features", Json.write(features(ctx)));
        v.put("portfolio", Json.write(portfolio(ctx.portfolio())));
        v.put("digest", Json.write(digest(ctx.digest())));
        v.put("constraints", Json.write(constraints(ctx.portfolio().constraints())));
        v.put("symbols", Json.write(ctx.features().stream().map(FeatureVector::symbol).toList()));
        v.put("ts", Long.toString(ctx.ts()));
        v.put("composeId", ctx.composeId());
        v.put("strategyId", ctx.strategyId());
        v.put("schema", DecisionSchema.DESCRIPTION);
        return v;
    }

    static Map<String, Object> features(ComposeContext ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FeatureVector f : ctx.features()) {
            Map<String, Object> values = new LinkedHashMap<>();
            f.asMap().forEach(values::put);
            out.put(f.symbol(), values);
        }
        return out;
    }

    static Map<String, Object> portfolio(PortfolioView p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cash", p.cash());
        out.put("equity", p.equity());
        out.put("grossExposure", p.grossExposure());
        out.put("netExposure", p.netExposure());
        out.put("leverage", p.leverage());
        out.put("realizedPnl", p.realizedPnl());
        List<Object> positions = new ArrayList<>();
        for (PositionSnapshot s : p.positions()) {
            Map<String, Object> pos = new LinkedHashMap<>();
            pos.put("symbol", s.symbol());
            pos.put("quantity", s.quantity());
            pos.put("averagePrice", s.averagePrice());
            pos.put("markPrice", s.markPrice());
            pos.put("unrealizedPnl", s.unrealizedPnl());
            positions.add(pos);
        }
        out.put("positions", positions);
        return out;
    }

    static Map<String, Object> digest(TradeDigest d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sharpe", d.sharpe());
        out.put("trades", d.tradeCount());
        List<Object> entries = new ArrayList<>();
        for (TradeDigestEntry e : d.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", e.symbol());
            m.put("tradeCount", e.tradeCount());
            m.put("realizedPnl", e.realizedPnl());
            m.put("winRate", e.winRate());
            m.put("averageHoldingMillis", e.averageHoldingMillis());
            entries.add(m);
        }
        out.put("entries", entries);
        return out;
    }

    static Map<String, Object> constraints(Constraints c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("maxPositionQuantity", c.maxPositionQuantity());
        out.put("maxPositionNotional", c.maxPositionNotional());
        out.put("maxOrderNotional", c.maxOrderNotional());
        out.put("maxLeverage", c.maxLeverage());
        out.put("maxOpenPositions", c.maxOpenPositions() == Integer.MAX_VALUE ? null : c.maxOpenPositions());
        out.put("allowShort", c.allowShort());
        return out;
    }
}
