package dev.stratagem.runtime.config;

import java.util.List;
import java.util.Locale;

/**
 * One documented setting: its name, kind, default and meaning. Every setting has exactly one default, in
 * {@link SettingKeys}.
 *
 * @param name the dotted key, e.g. {@code risk.var.maxFraction}
 * @param kind how a value is read
 * @param defaultValue the built-in default, as text
 * @param doc what it does
 * @param secret read only from the environment; an error in a file or on the command line
 * @param perStrategy may be set in a strategy file (applies to that strategy only)
 * @param choices the allowed values of a {@link Kind#CHOICE}
 */
public record SettingKey(String name, Kind kind, String defaultValue, String doc, boolean secret, boolean perStrategy,
        List<String> choices) {

    /** How a value is read. */
    public enum Kind {
        /** A positive number, or {@code none} for no limit (+Infinity). */
        LIMIT,
        /** A number in (0, 1). */
        PROBABILITY,
        /** A whole number, not negative. */
        COUNT,
        /** true or false. */
        FLAG,
        /** One of {@link SettingKey#choices}. */
        CHOICE,
        /** Free text. */
        TEXT
    }

    /** Copies the choices. */
    public SettingKey {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** @return the environment variable that sets this key: {@code STRATAGEM_} + the key upper-cased, dots to underscores */
    public String envName() {
        return "STRATAGEM_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * @param raw a value as written
     * @return it parsed
     * @throws IllegalArgumentException saying what is allowed
     */
    Object parse(Object raw) {
        String text = String.valueOf(raw).trim();
        try {
            return switch (kind) {
                case LIMIT -> {
                    if (text.equalsIgnoreCase("none")) {
                        yield Double.POSITIVE_INFINITY;
                    }
                    double d = Double.parseDouble(text);
                    if (!(d > 0) || Double.isNaN(d)) {
                        throw new IllegalArgumentException();
                    }
                    yield d;
                }
                case PROBABILITY -> {
                    double d = Double.parseDouble(text);
                    if (!(d > 0 && d < 1)) {
                        throw new IllegalArgumentException();
                    }
                    yield d;
                }
                case COUNT -> {
                    int n = Integer.parseInt(text);
                    if (n < 0) {
                        throw new IllegalArgumentException();
                    }
                    yield n;
                }
                case FLAG -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException();
                };
                case CHOICE -> {
                    if (!choices.contains(text)) {
                        throw new IllegalArgumentException();
                    }
                    yield text;
                }
                case TEXT -> text;
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be " + expected() + ", was '" + text + "'");
        }
    }

    /** @return what a value must look like, for messages and the docs */
    public String expected() {
        return switch (kind) {
            case LIMIT -> "a positive number or 'none'";
            case PROBABILITY -> "a number between 0 and 1 (exclusive)";
            case COUNT -> "a whole number >= 0";
            case FLAG -> "true or false";
            case CHOICE -> "one of " + choices;
            case TEXT -> "text";
        };
    }
}
