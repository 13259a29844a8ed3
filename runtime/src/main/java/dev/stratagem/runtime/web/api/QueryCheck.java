package dev.stratagem.runtime.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratagem.runtime.http.RequestProblem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Refuses a query parameter the operation does not document, or one given twice: {@code /api/runs?limit=5} would
 * otherwise list every run as if the limit held, and {@code points=10&points=5000} would take one silently. What
 * each operation takes is read from the OpenAPI document, the one place that says it.
 */
final class QueryCheck implements Handler<RoutingContext> {

    private record Operation(String method, Pattern path, Set<String> query) {}

    private final List<Operation> operations = new ArrayList<>();

    /** @param openapi the API's OpenAPI document */
    QueryCheck(String openapi) {
        JsonNode paths;
        try {
            paths = ApiJson.MAPPER.readTree(openapi).path("paths");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            // /api/runs/{runId} -> \Q/api/runs/\E[^/]+\Q\E
            Pattern template = Pattern.compile(Pattern.quote(path.getKey())
                    .replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                Set<String> query = new TreeSet<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    if (parameter.path("in").asText().equals("query")) {
                        query.add(parameter.path("name").asText());
                    }
                }
                operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), template, query));
            }
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!ctx.queryParams().isEmpty()) {
            String method = ctx.request().method().name();
            String path = ctx.normalizedPath();
            for (Operation operation : operations) {
                if (operation.method().equals(method) && operation.path().matcher(path).matches()) {
                    check(ctx, operation.query());
                    break;   // an undocumented operation is NoRoute's to answer
                }
            }
        }
        ctx.next();
    }

    private static void check(RoutingContext ctx, Set<String> allowed) {
        for (String name : ctx.queryParams().names()) {
            if (!allowed.contains(name)) {
                throw RequestProblem.badRequest("unknown query parameter '" + name + "'; "
                        + (allowed.isEmpty() ? "this takes none" : "this takes " + String.join(", ", allowed)));
            }
            if (ctx.queryParams().getAll(name).size() > 1) {
                throw RequestProblem.badRequest("query parameter '" + name + "' is given "
                        + ctx.queryParams().getAll(name).size() + " times; give it once");
            }
        }
    }
}
