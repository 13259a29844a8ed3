package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyInfoTest {

    @Test
    void the_symbol_list_is_copied() {
        List<String> symbols = new ArrayList<>(List.of("ORCL"));
        StrategyInfo info = new StrategyInfo("sma", "run1", "backtest", symbols);
        symbols.add("MSFT");
        assertThat(info.symbols()).containsExactly("ORCL");
    }

    @Test
    void rejects_each_blank_field_by_name() {
        assertThatThrownBy(() -> new StrategyInfo("", "run1", "backtest", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strategyId");
        assertThatThrownBy(() -> new StrategyInfo("sma", " ", "backtest", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runId");
        assertThatThrownBy(() -> new StrategyInfo("sma", "run1", "", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
    }
}
