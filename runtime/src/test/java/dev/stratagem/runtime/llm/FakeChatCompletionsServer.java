package dev.stratagem.runtime.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An OpenAI-compatible {@code POST /v1/chat/completions} on 127.0.0.1 (Vert.x), answering each request with
 * a function of its last user message; {@code null} from the function answers HTTP 500. Every request body
 * is kept.
 */
final class FakeChatCompletionsServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    FakeChatCompletionsServer(Function<String, String> answer) throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (!req.path().equals("/v1/chat/completions")) {
                req.response().setStatusCode(404).end();
                return;
            }
            try {
                JsonNode request = JSON.readTree(body.toString());
                received.add(request);
                String content = answer.apply(lastUser(request));
                if (content == null) {
                    req.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                            .end("{\"error\":{\"message\":\"this server must not be called\"}}");
                    return;
                }
                ObjectNode out = JSON.createObjectNode().put("id", "chatcmpl-" + received.size())
                        .put("object", "chat.completion").put("model", request.path("model").asText());
                ObjectNode choice = out.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", content);
                out.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
                req.response().putHeader("Content-Type", "application/json").end(JSON.writeValueAsString(out));
            } catch (Exception e) {
                req.response().setStatusCode(400).end(String.valueOf(e));
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String lastUser(JsonNode request) {
        String last = null;
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                last = m.path("content").asText();
            }
        }
        return last;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /** @return the request bodies received, in order */
    List<JsonNode> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
