package dev.stratagem.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** How the command line prints times and JSON. */
final class Formats {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Formats() {}

    /** A bar time: the date for a midnight (daily) bar, date and time otherwise, UTC. */
    static String time(long epochMillis) {
        if (epochMillis == 0) {
            return "-";
        }
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
        return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
    }

    /**
     * @param text what an operator typed, perhaps pasted from a file
     * @return it on one line: tabs, line breaks and other control characters become single spaces (the ops endpoint
     *     refuses them in a reason, and a recorded reason is shown as one line)
     */
    static String oneLine(String text) {
        return text == null ? null : text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\s]+", " ").strip();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
