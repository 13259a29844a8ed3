package dev.stratagem.plugins.indicators;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses feature names ({@code sma_10}, {@code bb_upper_20}, ...) into {@link FeatureDefinition}s. */
final class FeatureCatalog {

    static final String VALID_FORMS = "close, open, high, low, volume, sma_<n>, ema_<n>, rsi_<n>, "
            + "macd, macd_signal, macd_hist (12/26/9), macd_<fast>_<slow>_<signal>, "
            + "macd_signal_<fast>_<slow>_<signal>, macd_hist_<fast>_<slow>_<signal>, "
            + "bb_upper_<n>, bb_middle_<n>, bb_lower_<n> (2 standard deviations), atr_<n>, roc_<n>, "
            + "volatility_<n>, volume_z_<n>, donchian_high_<n>, donchian_low_<n>; "
            + "<n> is a whole number from 1 to " + Indicator.MAX_PERIOD
            + " (at least 2 for volatility and volume_z)";

    private static final double BOLLINGER_K = 2;
    private static final String NUMBER = "([1-9][0-9]{0,8})";
    private static final Pattern WINDOWED = Pattern.compile(
            "(sma|ema|rsi|atr|roc|volatility|volume_z|bb_upper|bb_middle|bb_lower|donchian_high|donchian_low)_"
                    + NUMBER);
    private static final Pattern MACD = Pattern.compile(
            "(macd|macd_signal|macd_hist)(?:_" + NUMBER + "_" + NUMBER + "_" + NUMBER + ")?");

    private FeatureCatalog() {}

    /**
     * @param features comma-separated feature names, whitespace allowed
     * @return their definitions, in the order given
     * @throws IllegalArgumentException naming the first unknown, malformed or repeated feature
     */
    static List<FeatureDefinition> parseAll(String features) {
        List<FeatureDefinition> definitions = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : features.split(",", -1)) {
            String name = raw.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "empty feature name in features '" + features + "'; valid forms: " + VALID_FORMS);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("feature '" + name + "' is listed twice in '" + features + "'");
            }
            definitions.add(parse(name));
        }
        return definitions;
    }

    static FeatureDefinition parse(String name) {
        try {
            FeatureDefinition definition = parseOrNull(name);
            if (definition != null) {
                return definition;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "bad feature '" + name + "': " + e.getMessage() + "; valid forms: " + VALID_FORMS, e);
        }
        throw new IllegalArgumentException("unknown feature '" + name + "'; valid forms: " + VALID_FORMS);
    }

    private static FeatureDefinition parseOrNull(String name) {
        FeatureDefinition barField = switch (name) {
            case "close" -> bar(name, BarField.CLOSE);
            case "open" -> bar(name, BarField.OPEN);
            case "high" -> bar(name, BarField.HIGH);
            case "low" -> bar(name, BarField.LOW);
            case "volume" -> bar(name, BarField.VOLUME);
            default -> null;
        };
        if (barField != null) {
            return barField;
        }
        Matcher m = MACD.matcher(name);
        if (m.matches()) {
            return macd(name, m);
        }
        m = WINDOWED.matcher(name);
        if (!m.matches()) {
            return null;
        }
        String kind = m.group(1);
        int n = Integer.parseInt(m.group(2));
        return switch (kind) {
            case "sma" -> single(name, kind, n, () -> new SmaIndicator(n));
            case "ema" -> single(name, kind, n, () -> new EmaIndicator(n));
            case "rsi" -> single(name, kind, n, () -> new RsiIndicator(n));
            case "atr" -> single(name, kind, n, () -> new AtrIndicator(n));
            case "roc" -> single(name, kind, n, () -> new RocIndicator(n));
            case "volatility" -> single(name, kind, n, () -> new VolatilityIndicator(n));
            case "volume_z" -> single(name, kind, n, () -> new VolumeZScoreIndicator(n));
            case "donchian_high" -> single(name, kind, n, () -> new DonchianHighIndicator(n));
            case "donchian_low" -> single(name, kind, n, () -> new DonchianLowIndicator(n));
            case "bb_upper" -> bollinger(name, n, b -> ((BollingerIndicator) b).upper());
            case "bb_middle" -> bollinger(name, n, Indicator::value);
            case "bb_lower" -> bollinger(name, n, b -> ((BollingerIndicator) b).lower());
            default -> throw new IllegalStateException("pattern and switch disagree on " + kind);
        };
    }

    private static FeatureDefinition bar(String name, BarField field) {
        return new FeatureDefinition(name, "bar", LatestBarIndicator::new,
                b -> ((LatestBarIndicator) b).field(field), 1, field);
    }

    private static FeatureDefinition single(String name, String kind, int n, Supplier<Indicator> factory) {
        Indicator probe = factory.get(); // validates n now, at configure time
        return new FeatureDefinition(name, kind + "_" + n, factory, Indicator::value, probe.warmup());
    }

    private static FeatureDefinition bollinger(String name, int n, ToDoubleFunction<Indicator> output) {
        Supplier<Indicator> factory = () -> new BollingerIndicator(n, BOLLINGER_K);
        return new FeatureDefinition(name, "bb_" + n, factory, output, factory.get().warmup());
    }

    private static FeatureDefinition macd(String name, Matcher m) {
        int fast = m.group(2) == null ? 12 : Integer.parseInt(m.group(2));
        int slow = m.group(3) == null ? 26 : Integer.parseInt(m.group(3));
        int signal = m.group(4) == null ? 9 : Integer.parseInt(m.group(4));
        Supplier<Indicator> factory = () -> new MacdIndicator(fast, slow, signal);
        MacdIndicator probe = new MacdIndicator(fast, slow, signal);
        String key = "macd_" + fast + "_" + slow + "_" + signal;
        return switch (m.group(1)) {
            case "macd" -> new FeatureDefinition(name, key, factory, Indicator::value, probe.lineWarmup());
            case "macd_signal" -> new FeatureDefinition(name, key, factory,
                    b -> ((MacdIndicator) b).signal(), probe.warmup());
            default -> new FeatureDefinition(name, key, factory,
                    b -> ((MacdIndicator) b).histogram(), probe.warmup());
        };
    }
}
