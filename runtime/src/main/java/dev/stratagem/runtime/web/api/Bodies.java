package dev.stratagem.runtime.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.Set;

/** Request bodies: JSON objects with known fields only, each checked for type and size. */
final class Bodies {

    private Bodies() {}

    /** An empty body is an empty object; anything else must be a JSON object with only {@code allowed} fields. */
    static JsonNode object(RoutingContext ctx, Set<String> allowed) {
        String text = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
        if (text.isBlank()) {
            return ApiJson.MAPPER.createObjectNode();
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiProblem(415, "send the body as application/json");
        }
        JsonNode node;
        try {
            node = ApiJson.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiProblem.badRequest("unknown field '" + name + "'; allowed: " + allowed);
            }
        }
        return node;
    }

    static boolean requiredBoolean(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isBoolean()) {
            throw ApiProblem.badRequest("field '" + field + "' is required and must be true or false");
        }
        return v.booleanValue();
    }

    static String optionalText(JsonNode body, String field, int maxLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw ApiProblem.badRequest("field '" + field + "' must be a string");
        }
        if (v.textValue().length() > maxLength) {
            throw ApiProblem.badRequest("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return v.textValue();
    }
}
