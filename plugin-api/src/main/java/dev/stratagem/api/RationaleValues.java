package dev.stratagem.api;

import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;

/**
 * A rationale kept as a pattern and the numbers in it: give it to {@link ComposeResult#lazy} as the rationale's
 * writer. Its text is the pattern with each {@value #SLOT} replaced by the next number, written as
 * {@link RationaleFormat#append} writes it; two opening braces stand for one ({@link #literal}).
 *
 * <p>Worth it for a composer that decides every bar: a backtest's history stores the pattern once a block and the
 * numbers as numbers, and renders the text when it is read, instead of the runtime writing the text of every recorded
 * cycle and storing it whole (a quarter of a recorded cycle's bytes). A composer whose pattern is the same object
 * cycle after cycle (built once, kept) makes it cheapest. The text reads back the same either way.
 *
 * <p>{@link #pattern()}, {@link #count()} and {@link #value} must give the same answers on every call, from any
 * thread, as they did when the decision was made: the text is made from them, not from {@link #get()}, wherever it
 * is read ({@link ComposeResult#rationale()}, or the history long after).
 */
public interface RationaleValues extends Supplier<String> {

    /** Where a number goes in a pattern. */
    String SLOT = "{}";

    /** @return the text, with {@value #SLOT} for each number and two opening braces for a literal one */
    String pattern();

    /** @return how many numbers the pattern holds */
    int count();

    /**
     * @param index 0 to {@link #count()} - 1
     * @return the number for that slot
     */
    double value(int index);

    /** @return the rationale's text */
    @Override
    default String get() {
        return render(pattern(), count(), this::value);
    }

    /**
     * @param text text to put in a pattern as it is
     * @return it with each opening brace doubled, so no part of it reads as a slot
     */
    static String literal(String text) {
        return text.replace("{", "{{");
    }

    /**
     * @param pattern a pattern
     * @return the slots it holds
     */
    static int slots(String pattern) {
        return scan(pattern, Integer.MAX_VALUE, null, i -> 0);
    }

    /**
     * @param pattern a pattern
     * @param count the numbers it holds
     * @param values the number for each slot
     * @return the text
     * @throws IllegalArgumentException if the pattern's slots are not {@code count}
     */
    static String render(String pattern, int count, IntToDoubleFunction values) {
        StringBuilder out = new StringBuilder(pattern.length() + 8 * count);
        int slots = scan(pattern, count, out, values);
        if (slots != count) {
            throw new IllegalArgumentException("the pattern has " + (slots > count ? slots(pattern) : slots)
                    + " slots for " + count + " numbers: " + pattern);
        }
        return out.toString();
    }

    /**
     * Reads a pattern once: writes its text to {@code out} unless null, and returns its slots; stops at a slot past
     * {@code count} (returning {@code count + 1}), before asking for a number that is not there.
     */
    private static int scan(String pattern, int count, StringBuilder out, IntToDoubleFunction values) {
        int slots = 0;
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            char next = i + 1 < n ? pattern.charAt(i + 1) : 0;
            if (c == '{' && (next == '{' || next == '}')) {
                i++;
                if (next == '}') {
                    if (slots == count) {
                        return count + 1;
                    }
                    if (out != null) {
                        RationaleFormat.append(out, values.applyAsDouble(slots));
                    }
                    slots++;
                    continue;
                }
            }
            if (out != null) {
                out.append(c);
            }
        }
        return slots;
    }
}
