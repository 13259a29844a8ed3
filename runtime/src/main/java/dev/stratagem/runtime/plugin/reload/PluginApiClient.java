package dev.stratagem.runtime.plugin.reload;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stratagem.runtime.history.ReloadEvent;
import java.io.IOException;
import java.io.Serial;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link PluginControl} over HTTP, against the console API of a running runtime ({@code /api/plugins...}).
 * A 404 answer is an {@link IllegalArgumentException}, any other refusal an {@link IllegalStateException} with
 * the problem's detail; nothing listening is an {@link Unreachable}.
 */
public final class PluginApiClient implements PluginControl {

    /** Where {@code stratagem run} serves its console and API unless told otherwise. */
    public static final URI DEFAULT_API = URI.create("http://127.0.0.1:8080");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base the runtime's address, e.g. {@code http://127.0.0.1:8080}
     * @param token the console's bearer token (rollback and reload need it), or {@code null}
     */
    public PluginApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * @return the plugins ({@code /api/plugins}), then the script components ({@code /api/scripts}, ids
     *     {@code script:<folder>}, their uses as the extensions and their kept versions as the stored ones), as
     *     {@link HotReload#list} gives both in the runtime
     */
    @Override
    public List<PluginStatus> list() {
        List<PluginStatus> all = new ArrayList<>(call("GET", "/api/plugins", null,
                new TypeReference<List<PluginStatus>>() {}));
        for (ScriptView s : call("GET", "/api/scripts", null, new TypeReference<List<ScriptView>>() {})) {
            all.add(new PluginStatus(s.id(), s.version(), s.sha256(), s.uses(), s.stored(), s.strategies()));
        }
        return all;
    }

    /** One element of {@code /api/scripts} (its last reload event is not read). */
    private record ScriptView(String id, String version, String sha256, List<String> uses, List<String> strategies,
            List<String> stored) {}

    @Override
    public List<ReloadEvent> history(String pluginId) {
        return call("GET", "/api/plugins/" + enc(pluginId) + "/history", null, new TypeReference<>() {});
    }

    @Override
    public ReloadEvent rollback(String pluginId, String version) {
        return call("POST", "/api/plugins/" + enc(pluginId) + "/rollback", version == null ? null : Map.of("to", version),
                new TypeReference<>() {});
    }

    @Override
    public ReloadEvent reload(String pluginId) {
        return call("POST", "/api/plugins/" + enc(pluginId) + "/reload", null, new TypeReference<>() {});
    }

    private <T> T call(String method, String path, Object body, TypeReference<T> type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request body " + body, e);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Unreachable(base);
        } catch (IOException e) {
            throw new IllegalStateException("the runtime at " + base + " did not answer " + method + " " + path + ": "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + base, e);
        }
        if (response.statusCode() != 200) {
            String what = method + " " + path + ": " + response.statusCode() + " " + detail(response.body());
            throw response.statusCode() == 404 ? new IllegalArgumentException(what) : new IllegalStateException(what);
        }
        try {
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": unreadable answer: " + response.body(), e);
        }
    }

    /** The problem's detail (RFC 9457), else the body as it came. */
    private static String detail(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.path("title").asText("") + ": " + problem.get("detail").asText();
            }
        } catch (IOException notJson) {
            // shown as it came
        }
        return body;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Nothing listens at the address. */
    public static final class Unreachable extends IllegalStateException {

        @Serial
        private static final long serialVersionUID = 1L;

        Unreachable(URI base) {
            super("no runtime answers at " + base + ": start one with stratagem run");
        }
    }
}
