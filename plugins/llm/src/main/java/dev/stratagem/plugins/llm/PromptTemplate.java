package dev.stratagem.plugins.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with {@code {{name}}} placeholders. The names are checked when the template is built, so a typo
 * fails the strategy at load time instead of sending a prompt with a hole in it.
 */
final class PromptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

    private final String text;
    private final List<String> names;

    /**
     * @param key the parameter the template came from, for error messages
     * @param text the template
     * @param known the placeholder names the caller will supply
     * @throws IllegalArgumentException naming the parameter and the unknown placeholder
     */
    PromptTemplate(String key, String text, Set<String> known) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("parameter '" + key + "': the template is empty");
        }
        this.text = text;
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                throw new IllegalArgumentException("parameter '" + key + "': unknown placeholder {{" + m.group(1)
                        + "}}; known: " + new java.util.TreeSet<>(known));
            }
            found.add(m.group(1));
        }
        this.names = List.copyOf(found);
    }

    /** @return the placeholder names used, in order of appearance */
    List<String> names() {
        return names;
    }

    /**
     * @param values the text to put in for each name
     * @return the prompt
     */
    String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for placeholder {{" + m.group(1) + "}}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
