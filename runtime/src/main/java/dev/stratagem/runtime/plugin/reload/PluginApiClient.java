package dev.stratagem.runtime.plugin.reload;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.runtime.history.ReloadEvent;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@link PluginControl} over HTTP, against a running runtime's {@link PluginRoutes}. */
public final class PluginApiClient implements PluginControl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base the runtime's address, e.g. {@code http://127.0.0.1:8080}
     * @param token a bearer token, or {@code null}
     */
    public PluginApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    @Override
    public List<PluginStatus> list() {
        return call("GET", "/api/plugins", new TypeReference<>() {});
    }

    @Override
    public List<ReloadEvent> history(String pluginId) {
        return call("GET", "/api/plugins/" + enc(pluginId) + "/history", new TypeReference<>() {});
    }

    @Override
    public ReloadEvent rollback(String pluginId, String version) {
        return call("POST", "/api/plugins/" + enc(pluginId) + "/rollback" + (version == null ? "" : "?to=" + enc(version)),
                new TypeReference<>() {});
    }

    private <T> T call(String method, String path, TypeReference<T> type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the runtime at " + base + " (is `stratagem run` up with"
                    + " its API on that port?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + base, e);
        }
        try {
            if (response.statusCode() != 200) {
                Map<String, Object> error = JSON.readValue(response.body(), new TypeReference<>() {});
                throw new IllegalArgumentException(method + " " + path + ": " + response.statusCode() + " "
                        + error.getOrDefault("error", response.body()));
            }
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": unreadable answer " + response.statusCode()
                    + ": " + response.body(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
