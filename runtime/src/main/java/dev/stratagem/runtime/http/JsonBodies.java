package dev.stratagem.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Request bodies: JSON objects with known fields only, each checked for type and size. Every refusal is a
 * {@link RequestProblem} (400, or 415 for a body sent as another media type) whose detail names the field.
 */
public final class JsonBodies {

    /**
     * Strict: a second value after the object, or a field given twice, is refused instead of dropped or overwritten
     * (on a kill switch call, {@code {"action":"activate"}{"action":"deactivate"}} must not do either silently).
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonBodies() {}

    /**
     * Reads the body of a request that went through a {@code BodyHandler}. An empty body is an empty object; a
     * body with a {@code Content-Type} other than JSON is refused (415), one without a {@code Content-Type} is
     * read as JSON (a client such as {@code java.net.http} sends none).
     *
     * @param ctx the request
     * @param allowed the fields the body may have
     * @return the body, a JSON object with only {@code allowed} fields
     * @throws RequestProblem if it is not that
     */
    public static JsonNode object(RoutingContext ctx, Set<String> allowed) {
        String text = ctx.body() == null || ctx.body().buffer() == null ? "" : utf8(ctx.body().buffer().getBytes());
        if (text.isBlank()) {
            return MAPPER.createObjectNode();
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new RequestProblem(415, "send the body as application/json");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            // Jackson's own text names its internals (StreamReadConstraints.getMaxNestingDepth())
            throw RequestProblem.badRequest("the body is nested too deeply or holds a value too long to read");
        } catch (JsonProcessingException e) {
            throw RequestProblem.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw RequestProblem.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw RequestProblem.badRequest("unknown field '" + name + "'; allowed: " + allowed);
            }
        }
        return node;
    }

    /**
     * @param body a body from {@link #object}
     * @param field the field
     * @return its value
     * @throws RequestProblem if it is missing or not a boolean
     */
    public static boolean requiredBoolean(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isBoolean()) {
            throw RequestProblem.badRequest("field '" + field + "' is required and must be true or false");
        }
        return v.booleanValue();
    }

    /**
     * @param body a body from {@link #object}
     * @param field the field
     * @param absent the value of a missing or null field
     * @return its value, or {@code absent}
     * @throws RequestProblem if it is there and not a boolean
     */
    public static boolean optionalBoolean(JsonNode body, String field, boolean absent) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw RequestProblem.badRequest("field '" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    /**
     * @param body a body from {@link #object}
     * @param field the field
     * @param maxLength the longest value accepted
     * @return its value, or {@code ""} if it is missing or null
     * @throws RequestProblem if it is there and not a string, or too long
     */
    public static String optionalText(JsonNode body, String field, int maxLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw RequestProblem.badRequest("field '" + field + "' must be a string");
        }
        String text = v.textValue();
        if (text.length() > maxLength) {
            throw RequestProblem.badRequest("field '" + field + "' is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {   // a NUL, or a forged log line
                throw RequestProblem.badRequest("field '" + field + "' holds a control character (U+"
                        + String.format(Locale.ROOT, "%04X", (int) c) + ") at " + i + "; send one line"
                        + " of text");
            }
        }
        return text;
    }

    /** @return the bytes as UTF-8 text, refused if they are not: a replacement character would hide the damage */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw RequestProblem.badRequest("the body is not UTF-8 text");
        }
    }
}
