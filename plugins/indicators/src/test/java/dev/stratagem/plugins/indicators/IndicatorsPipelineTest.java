package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.Candle;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorsPipelineTest {

    private static final String ALL = "close, open, high, low, volume, sma_10, ema_12, rsi_14, macd, macd_signal, "
            + "macd_hist, bb_upper_20, bb_middle_20, bb_lower_20, atr_14, roc_10, volatility_20, volume_z_20, "
            + "donchian_high_20, donchian_low_20";

    private static IndicatorsPipeline configured(String features) {
        IndicatorsPipeline pipeline = new IndicatorsPipeline();
        pipeline.configure(Parameters.of(Map.of("features", features)));
        return pipeline;
    }

    @Test
    void is_named_indicators_and_computes_the_close_by_default() {
        IndicatorsPipeline pipeline = new IndicatorsPipeline();
        pipeline.configure(Parameters.EMPTY);

        assertThat(pipeline.id()).isEqualTo("indicators");
        assertThat(pipeline.featureNames()).containsExactly("close");
        assertThat(pipeline.warmup()).isEqualTo(1);
    }

    @Test
    void keeps_the_configured_names_in_order_with_whitespace_stripped() {
        IndicatorsPipeline pipeline = configured("  sma_30 ,close,\tsma_10 ");

        assertThat(pipeline.featureNames()).containsExactly("sma_30", "close", "sma_10");
    }

    @Test
    void accepts_the_features_as_a_yaml_list() {
        IndicatorsPipeline pipeline = new IndicatorsPipeline();
        pipeline.configure(Parameters.of(Map.of("features", List.of("rsi_14", "macd"))));

        assertThat(pipeline.featureNames()).containsExactly("rsi_14", "macd");
    }

    @Test
    void warmup_is_the_bar_from_which_every_feature_is_a_number() {
        IndicatorsPipeline pipeline = configured(ALL);
        ListMarketWindow window = new ListMarketWindow(OrclBars.SYMBOL);
        List<Candle> bars = OrclBars.candles();

        assertThat(pipeline.warmup()).isEqualTo(34); // macd_signal and macd_hist: 26 + 9 - 1
        for (int t = 0; t < 100; t++) {
            FeatureVector v = pipeline.compute(window.push(bars.get(t))).getFirst();
            boolean allNumbers = java.util.Arrays.stream(v.values()).noneMatch(Double::isNaN);
            assertThat(allNumbers).as("bar %d", t + 1).isEqualTo(t + 1 >= pipeline.warmup());
        }
    }

    @Test
    void emits_the_same_values_as_the_indicators_fed_directly() {
        IndicatorsPipeline pipeline = configured("sma_10, bb_upper_20, macd_hist, donchian_low_20, volume");
        ListMarketWindow window = new ListMarketWindow(OrclBars.SYMBOL);
        List<Candle> bars = OrclBars.candles();
        SmaIndicator sma = new SmaIndicator(10);
        BollingerIndicator bb = new BollingerIndicator(20, 2);
        MacdIndicator macd = new MacdIndicator(12, 26, 9);
        DonchianLowIndicator low = new DonchianLowIndicator(20);

        for (Candle bar : bars) {
            FeatureVector v = pipeline.compute(window.push(bar)).getFirst();
            sma.update(bar);
            bb.update(bar);
            macd.update(bar);
            low.update(bar);
            assertThat(v.symbol()).isEqualTo(OrclBars.SYMBOL);
            assertThat(v.ts()).isEqualTo(bar.ts());
            assertThat(v.values()).containsExactly(sma.value(), bb.upper(), macd.histogram(), low.value(), bar.volume());
        }
    }

    @Test
    void keeps_separate_state_per_symbol_and_skips_symbols_without_a_new_bar() {
        IndicatorsPipeline pipeline = configured("sma_10, rsi_14");
        ListMarketWindow window = new ListMarketWindow("ORCL", "HALF");
        List<Candle> bars = OrclBars.candles().subList(0, 400);
        IndicatorsPipeline orclAlone = configured("sma_10, rsi_14");
        IndicatorsPipeline halfAlone = configured("sma_10, rsi_14");
        ListMarketWindow orclWindow = new ListMarketWindow("ORCL");
        ListMarketWindow halfWindow = new ListMarketWindow("HALF");

        for (int t = 0; t < bars.size(); t++) {
            Candle orcl = bars.get(t);
            List<Candle> cycle = new ArrayList<>(List.of(orcl));
            if (t % 2 == 0) { // HALF trades every other bar, at half the price
                cycle.add(new Candle("HALF", orcl.ts(), orcl.open() / 2, orcl.high() / 2, orcl.low() / 2,
                        orcl.close() / 2, orcl.volume()));
            }
            List<FeatureVector> vectors = pipeline.compute(window.push(cycle.toArray(Candle[]::new)));

            List<FeatureVector> expected = new ArrayList<>(orclAlone.compute(orclWindow.push(orcl)));
            if (cycle.size() == 2) {
                expected.addAll(halfAlone.compute(halfWindow.push(cycle.get(1))));
            }
            assertThat(vectors).as("bar %d", t).containsExactlyElementsOf(expected);
        }
        assertThat(pipeline.compute(window.push())).isEmpty();
    }

    @Test
    void reuses_one_names_list_for_every_vector() {
        IndicatorsPipeline pipeline = configured("close, sma_2");
        ListMarketWindow window = new ListMarketWindow(OrclBars.SYMBOL);
        List<Candle> bars = OrclBars.candles();

        FeatureVector first = pipeline.compute(window.push(bars.get(0))).getFirst();
        FeatureVector second = pipeline.compute(window.push(bars.get(1))).getFirst();

        assertThat(first.names()).isSameAs(second.names()).isSameAs(pipeline.featureNames());
    }

    @Test
    void names_an_unknown_feature_and_lists_the_valid_forms() {
        assertThatThrownBy(() -> configured("close, sma_10, stochastic_14"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown feature 'stochastic_14'")
                .hasMessageContaining("valid forms: close, open, high, low, volume, sma_<n>");
    }

    @Test
    void rejects_an_unknown_parameter_key() {
        IndicatorsPipeline pipeline = new IndicatorsPipeline();

        assertThatThrownBy(() -> pipeline.configure(Parameters.of(Map.of("feature", "close"))))
                .hasMessageContaining("unknown parameter 'feature' for indicators");
    }
}
