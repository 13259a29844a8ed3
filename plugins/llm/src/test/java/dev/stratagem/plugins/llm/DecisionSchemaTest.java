package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.OrderType;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionSchemaTest {

    private static final Set<String> SYMBOLS = Set.of("ORCL", "MSFT");

    @Test
    void reads_a_valid_decision_with_market_and_limit_orders() {
        var r = DecisionSchema.read("""
                {"instructions": [{"symbol": "ORCL", "side": "buy", "quantity": 10},
                  {"symbol": "MSFT", "side": "SELL", "quantity": 5, "type": "LIMIT", "limitPrice": 25.5, "reduceOnly": true}],
                 "rationale": "trend", "confidence": 0.8}""", SYMBOLS);

        assertThat(r).isInstanceOfSatisfying(DecisionSchema.Valid.class, v -> {
            assertThat(v.decision().instructions()).containsExactly(TradeInstruction.buy("ORCL", 10),
                    new TradeInstruction(null, "MSFT", Side.SELL, 5, OrderType.LIMIT, 25.5, true));
            assertThat(v.decision().rationale()).isEqualTo("trend");
            assertThat(v.decision().confidence()).isEqualTo(0.8);
        });
    }

    @Test
    void accepts_an_empty_list_inside_a_code_fence() {
        var r = DecisionSchema.read("```json\n{\"instructions\": [], \"rationale\": \"wait\", \"confidence\": 0}\n```", SYMBOLS);
        assertThat(r).isInstanceOf(DecisionSchema.Valid.class);
    }

    @Test
    void lists_every_broken_field_by_path() {
        var r = DecisionSchema.read("""
                {"instructions": [{"symbol": "AAPL", "side": "HOLD", "quantity": 0, "type": "LIMIT"}],
                 "confidence": 2, "mood": "good"}""", SYMBOLS);

        assertThat(r).isInstanceOfSatisfying(DecisionSchema.Invalid.class, i -> assertThat(i.errors()).containsExactlyInAnyOrder(
                "unknown key 'mood'",
                "'rationale' must be a string",
                "'confidence' must be a number from 0 to 1",
                "instructions[0].symbol must be one of [MSFT, ORCL], was AAPL",
                "instructions[0].side must be BUY or SELL, was HOLD",
                "instructions[0].quantity must be a number > 0, was 0",
                "instructions[0].limitPrice must be a number > 0 for a LIMIT order, was null"));
    }

    @Test
    void prose_is_not_a_decision() {
        assertThat(DecisionSchema.read("I would buy ORCL.", SYMBOLS))
                .isInstanceOfSatisfying(DecisionSchema.Invalid.class, i -> assertThat(i.summary()).startsWith("not JSON"));
        assertThat(DecisionSchema.read("[1]", SYMBOLS))
                .isInstanceOfSatisfying(DecisionSchema.Invalid.class, i -> assertThat(i.summary()).contains("JSON object"));
    }
}
