package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureCatalogTest {

    @Test
    void parses_every_canonical_form_with_its_warmup() {
        List<FeatureDefinition> all = FeatureCatalog.parseAll(
                "close, open, high, low, volume, sma_10, ema_12, rsi_14, macd, macd_signal, macd_hist, "
                        + "macd_5_35_5, macd_signal_5_35_5, macd_hist_5_35_5, bb_upper_20, bb_middle_20, "
                        + "bb_lower_20, atr_14, roc_10, volatility_20, volume_z_20, donchian_high_20, donchian_low_20");

        assertThat(all).extracting(FeatureDefinition::warmup)
                .containsExactly(1, 1, 1, 1, 1, 10, 12, 15, 26, 34, 34, 35, 39, 39, 20, 20, 20, 15, 11, 21, 20, 21, 21);
    }

    @Test
    void bollinger_bands_of_one_period_share_one_indicator_key_and_macd_forms_theirs() {
        List<FeatureDefinition> all = FeatureCatalog.parseAll("bb_upper_20,bb_lower_20,bb_middle_10,macd,macd_hist_12_26_9");

        assertThat(all).extracting(FeatureDefinition::indicatorKey)
                .containsExactly("bb_20", "bb_20", "bb_10", "macd_12_26_9", "macd_12_26_9");
    }

    @Test
    void names_an_unknown_feature_and_lists_the_valid_forms() {
        assertThatThrownBy(() -> FeatureCatalog.parseAll("close, smaa_10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown feature 'smaa_10'")
                .hasMessageContaining("sma_<n>")
                .hasMessageContaining("donchian_low_<n>");
    }

    @Test
    void rejects_a_period_out_of_range_naming_the_feature() {
        assertThatThrownBy(() -> FeatureCatalog.parse("volatility_1"))
                .hasMessageContaining("bad feature 'volatility_1'")
                .hasMessageContaining("between 2 and 100000")
                .hasMessageContaining("valid forms");
        assertThatThrownBy(() -> FeatureCatalog.parse("sma_100001")).hasMessageContaining("bad feature 'sma_100001'");
        assertThatThrownBy(() -> FeatureCatalog.parse("macd_26_12_9")).hasMessageContaining("bad feature 'macd_26_12_9'");
    }

    @Test
    void rejects_non_canonical_periods_so_names_match_what_composers_ask_for() {
        for (String name : List.of("sma_0", "sma_010", "sma_+5", "sma_", "sma_1.5", "SMA_10", "macd_12_26")) {
            assertThatThrownBy(() -> FeatureCatalog.parse(name)).as(name).hasMessageContaining("'" + name + "'");
        }
    }

    @Test
    void rejects_an_empty_or_repeated_name() {
        assertThatThrownBy(() -> FeatureCatalog.parseAll("close,,sma_10")).hasMessageContaining("empty feature name");
        assertThatThrownBy(() -> FeatureCatalog.parseAll("sma_10, close, sma_10"))
                .hasMessageContaining("feature 'sma_10' is listed twice");
    }
}
