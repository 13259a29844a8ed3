package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    @Test
    void renders_features_portfolio_digest_and_constraints_as_deterministic_json() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("close", 10.5);
        f.put("sma_30", Double.NaN);
        PortfolioView p = new PortfolioView(5, 1000, 1105, 105, 105, 0, 0,
                List.of(new PositionSnapshot("ORCL", 10, 10, 10.5, 5, 1)),
                new Constraints(500, Double.POSITIVE_INFINITY, 10_000, 2, 3, false));
        ComposeContext ctx = new ComposeContext(5, "bt-1-5", "s1", List.of(FeatureVector.of("ORCL", 5, f)), p,
                TradeDigest.EMPTY, RunMode.BACKTEST);
        PromptTemplate t = new PromptTemplate("template",
                "F={{features}} P={{ portfolio }} D={{digest}} C={{constraints}} S={{symbols}} at {{ts}}",
                ContextJson.NAMES);

        String prompt = t.render(ContextJson.values(ctx));

        assertThat(prompt).isEqualTo("F={\"ORCL\":{\"close\":10.5,\"sma_30\":null}} "
                + "P={\"cash\":1000,\"equity\":1105,\"grossExposure\":105,\"netExposure\":105,\"leverage\":0.09502262443438914,"
                + "\"realizedPnl\":0,\"positions\":[{\"symbol\":\"ORCL\",\"quantity\":10,\"averagePrice\":10,"
                + "\"markPrice\":10.5,\"unrealizedPnl\":5}]} D={\"sharpe\":0,\"trades\":0,\"entries\":[]} "
                + "C={\"maxPositionQuantity\":500,\"maxPositionNotional\":null,\"maxOrderNotional\":10000,"
                + "\"maxLeverage\":2,\"maxOpenPositions\":3,\"allowShort\":false} S=[\"ORCL\"] at 5");
        assertThat(t.names()).containsExactly("features", "portfolio", "digest", "constraints", "symbols", "ts");
    }

    @Test
    void a_replacement_with_dollars_and_backslashes_is_inserted_literally() {
        PromptTemplate t = new PromptTemplate("template", "x {{a}} y", Set.of("a"));
        assertThat(t.render(Map.of("a", "$1 \\n"))).isEqualTo("x $1 \\n y");
    }

    @Test
    void an_unknown_placeholder_fails_at_load_naming_the_parameter() {
        assertThatThrownBy(() -> new PromptTemplate("riskTemplate", "{{featurs}}", ContextJson.NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'riskTemplate'").hasMessageContaining("{{featurs}}");
        assertThatThrownBy(() -> new PromptTemplate("template", "  ", ContextJson.NAMES))
                .hasMessageContaining("empty");
    }
}
