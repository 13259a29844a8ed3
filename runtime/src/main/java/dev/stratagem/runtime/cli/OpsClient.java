package dev.stratagem.runtime.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to the ops endpoint of the runtime that holds a database: its port is in {@code <db>.ops-port}
 * (written at start, deleted at shutdown), its POST token in {@code STRATAGEM_OPS_APITOKEN}.
 */
final class OpsClient {

    private final Path database;
    private final String token;

    OpsClient(Path database, String token) {
        this.database = database;
        this.token = token == null ? "" : token;
    }

    static OpsClient forDatabase(Path database) {
        return new OpsClient(database, System.getenv("STRATAGEM_OPS_APITOKEN"));
    }

    /** @return the port file of the database */
    Path portFile() {
        return database.toAbsolutePath().resolveSibling(database.getFileName() + ".ops-port");
    }

    /**
     * @param path e.g. {@code /risk}
     * @param body the JSON to POST, {@code null} for a GET
     * @return the answer, empty when no runtime listens (no port file, or a stale one)
     * @throws IllegalStateException when the runtime answers with an error
     */
    Optional<JsonObject> call(String path, JsonObject body) throws IOException, InterruptedException {
        Path portFile = portFile();
        if (!Files.exists(portFile)) {
            return Optional.empty();
        }
        URI uri = URI.create("http://127.0.0.1:" + Files.readString(portFile).trim() + path);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (!token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofString(body.encode())).header("content-type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return Optional.empty(); // a stale port file: no runtime is listening
        }
        JsonObject json;
        try {
            json = new JsonObject(response.body());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the runtime answered " + response.statusCode() + ": " + response.body());
        }
        if (response.statusCode() == 401) {
            throw new IllegalStateException("the runtime refused (401): " + json.getString("detail", response.body())
                    + (token.isBlank() ? "; set STRATAGEM_OPS_APITOKEN to its ops token"
                            : "; STRATAGEM_OPS_APITOKEN is not its ops token"));
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the runtime refused (" + response.statusCode() + "): "
                    + json.getString("detail", response.body()));
        }
        return Optional.of(json);
    }
}
