package dev.stratagem.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads YAML files into records; unknown keys and bad values are errors naming file, line and key. */
public final class Yaml {

    /** A key written twice is an error: the parser's default, the last one wins, ran with a value the author overlooked. */
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** A SnakeYAML message's position line, {@code  in 'reader', line 4, column 8:}. */
    private static final Pattern MARK = Pattern.compile("^\\s+in '.*', line (\\d+), column (\\d+):$");

    private Yaml() {}

    static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (text.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
            throw new ConfigException(file + ": the file is empty", null);
        }
        try (JsonParser parser = MAPPER.createParser(text)) {
            T value = MAPPER.readValue(parser, type);
            JsonToken next = parser.nextToken();
            while (next == JsonToken.VALUE_NULL) {   // an empty document: a '---' with nothing after it
                next = parser.nextToken();
            }
            if (next != null) {
                // a second document ('---'): read as the first one alone, its settings would be silently dropped
                throw new ConfigException(file + ":" + parser.currentLocation().getLineNr() + ": a second YAML"
                        + " document; a file holds one (remove the '---' above it)", null);
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new ConfigException(file + lineOf(text, e.getPropertyName(), e.getLocation()) + ": unknown key '"
                    + path(e) + "' (known here: " + known + ")", e);
        } catch (JsonMappingException e) {
            String key = path(e);
            String leaf = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
            // a value the type refused: its own reason, without Jackson's "Cannot construct instance of ..."
            String why = e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException
                    ? e.getCause().getMessage()
                    : e instanceof MismatchedInputException m && m.getTargetType() != null ? expected(m)
                    : e.getOriginalMessage();
            throw new ConfigException(file + lineOf(text, leaf, e.getLocation())
                    + (key.isEmpty() ? ": the file " : ": bad value for '" + key + "': ") + firstLine(why), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(syntaxError(file, e), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A YAML file the parser refused, in one line: {@code file:line:column: not valid YAML: <what it says>},
     * the position where the parser stopped, then its context (with where that started) and its problem,
     * without its excerpts of the file: {@code script.yaml:5:7: not valid YAML: while parsing a flow sequence
     * (from 4:8); expected ',' or ']', but got :}.
     *
     * @param file the file
     * @param e what the YAML parser threw
     * @return the message
     */
    public static String syntaxError(Path file, JsonProcessingException e) {
        String at = where(e.getLocation());
        StringBuilder said = new StringBuilder();
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        for (String line : message.split("\\R")) {
            Matcher mark = MARK.matcher(line);
            if (mark.matches()) {
                String from = ":" + mark.group(1) + ":" + mark.group(2);
                if (!from.equals(at) && !said.isEmpty()) {
                    said.append(" (from ").append(from.substring(1)).append(')');
                }
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                said.append(said.isEmpty() ? "" : "; ").append(line.strip());
            }
        }
        return file + at + ": not valid YAML: " + said;
    }

    /**
     * @return what a key of the type takes, in the words of a strategy file rather than Jackson's (which named the
     *     Java class: "Cannot deserialize value of type `java.math.BigDecimal` from String"), with the value given
     */
    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        String was = e instanceof InvalidFormatException f ? ", was '" + f.getValue() + "'" : "";
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false" + was;
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "must be a whole number" + was;
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "must be a number" + was;
        }
        if (type == String.class) {
            return "must be text" + was;
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list, such as [a, b]";
        }
        return "must be a mapping of keys (key: value), not a single value";
    }

    /** Where a file's keys are, for a message: the file is read again only when asked, on the way to an error. */
    static final class KeyLines {

        private final Path file;

        KeyLines(Path file) {
            this.file = file;
        }

        /** @return {@code :<line>} of the top-level {@code key:} (at the line's start), or {@code ""} */
        String topLevel(String key) {
            return find(Pattern.compile("^" + Pattern.quote(key) + "\\s*:"));
        }

        /**
         * @return {@code :<line>} of {@code key:} at any depth if the file has it on one line only, or {@code ""}:
         *     a key on several lines (a field of each instrument) is not guessed at
         */
        String only(String key) {
            return find(keyPattern(key));
        }

        private String find(Pattern key) {
            try {
                int line = onlyLine(Files.readString(file), key);
                return line > 0 ? ":" + line : "";
            } catch (IOException e) {
                return "";
            }
        }
    }

    /**
     * The line of the one {@code key:} in the file (the parser's own location may be far past it), else the parser's:
     * a key on several lines ({@code id:} of each component) is not guessed at.
     */
    private static String lineOf(String text, String key, JsonLocation fallback) {
        if (key != null && !key.isEmpty() && !key.startsWith("[")) {
            int line = onlyLine(text, keyPattern(key));
            if (line > 0) {
                return ":" + line;
            }
        }
        return where(fallback);
    }

    private static Pattern keyPattern(String key) {
        return Pattern.compile("^[\\s-]*" + Pattern.quote(key) + "\\s*:");
    }

    /** @return the 1-based line that matches, or 0 if none or several do */
    private static int onlyLine(String text, Pattern key) {
        int n = 0;
        int found = 0;
        for (String line : text.split("\\R", -1)) {
            n++;
            if (key.matcher(line).find()) {
                if (found > 0) {
                    return 0;
                }
                found = n;
            }
        }
        return found;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : ":" + location.getLineNr() + (location.getColumnNr() > 0 ? ":" + location.getColumnNr() : "");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
