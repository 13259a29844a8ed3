package dev.stratagem.plugins.llm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An OpenAI-compatible chat-completions client on {@code java.net.http}: {@code POST <baseUrl>/chat/completions}
 * with a bearer key, plain JSON or a server-sent-events stream. Blocking: the request queue calls it from
 * its worker threads, and closes it with itself (the HTTP client runs threads of its own). Thread-safe.
 */
final class ChatClient implements LlmRequestQueue.Transport {

    private final URI endpoint;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl for example {@code https://api.openai.com/v1} or {@code http://127.0.0.1:8080/v1}
     * @param apiKey the bearer key, or empty for a local server without one
     * @param timeout the whole call: connect, headers and body (including a whole stream)
     */
    ChatClient(String baseUrl, String apiKey, Duration timeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + "/chat/completions");
        this.apiKey = apiKey == null ? "" : apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * @param request the call
     * @return the answer
     * @throws ChatFailure for every failure, with a kind the queue can act on
     */
    @Override
    public ChatAnswer complete(ChatRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", request.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.body()));
        if (!apiKey.isEmpty()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        var future = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString());
        try {
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ChatFailure(ChatFailure.Kind.TIMEOUT, "no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ChatFailure(ChatFailure.Kind.NETWORK, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new ChatFailure(ChatFailure.Kind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
            }
            throw new ChatFailure(ChatFailure.Kind.NETWORK, endpoint + ": " + cause);
        }
        int status = response.statusCode();
        if (status == 429) {
            throw new ChatFailure(ChatFailure.Kind.RATE_LIMITED, "HTTP 429 from " + endpoint,
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status >= 500) {
            throw new ChatFailure(ChatFailure.Kind.SERVER, "HTTP " + status + " from " + endpoint + ": " + clip(response.body()));
        }
        if (status >= 300) {
            throw new ChatFailure(ChatFailure.Kind.CLIENT, "HTTP " + status + " from " + endpoint + ": " + clip(response.body()));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        try {
            return contentType.startsWith("text/event-stream") ? fromStream(response.body()) : fromJson(response.body());
        } catch (IllegalArgumentException | ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new ChatFailure(ChatFailure.Kind.MALFORMED, "not a chat completion (" + e.getMessage() + "): "
                    + clip(response.body()));
        }
    }

    /** Parses a {@code Retry-After} of seconds or an HTTP date; {@code null} if absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ChatAnswer fromJson(String body) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(body);
        List<Object> choices = (List<Object>) root.get("choices");
        Map<String, Object> message = (Map<String, Object>) ((Map<String, Object>) choices.get(0)).get("message");
        String content = (String) message.get("content");
        if (content == null) {
            throw new IllegalArgumentException("choices[0].message.content is missing");
        }
        int[] usage = usage(root);
        return new ChatAnswer(content, usage[0], usage[1]);
    }

    /** Concatenates the {@code delta.content} of every {@code data:} chunk up to {@code data: [DONE]}. */
    @SuppressWarnings("unchecked")
    private static ChatAnswer fromStream(String body) {
        StringBuilder content = new StringBuilder();
        int[] usage = {0, 0};
        boolean done = false;
        for (String line : body.split("\r?\n")) {
            if (!line.startsWith("data:")) {
                continue; // blank separators, comments, event: lines
            }
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                done = true;
                break;
            }
            Map<String, Object> chunk = (Map<String, Object>) Json.parse(data);
            List<Object> choices = (List<Object>) chunk.get("choices");
            if (choices != null && !choices.isEmpty()) {
                Map<String, Object> delta = (Map<String, Object>) ((Map<String, Object>) choices.get(0)).get("delta");
                if (delta != null && delta.get("content") instanceof String s) {
                    content.append(s);
                }
            }
            if (chunk.get("usage") instanceof Map<?, ?>) {
                usage = usage(chunk);
            }
        }
        if (!done) {
            throw new IllegalArgumentException("stream ended without data: [DONE]");
        }
        return new ChatAnswer(content.toString(), usage[0], usage[1]);
    }

    @SuppressWarnings("unchecked")
    private static int[] usage(Map<String, Object> root) {
        if (!(root.get("usage") instanceof Map<?, ?> u)) {
            return new int[] {0, 0};
        }
        Map<String, Object> usage = (Map<String, Object>) u;
        return new int[] {count(usage.get("prompt_tokens")), count(usage.get("completion_tokens"))};
    }

    private static int count(Object n) {
        return n instanceof Number num ? num.intValue() : 0;
    }

    private static String clip(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    /** Aborts the calls in progress and waits (bounded) until the HTTP client's threads are gone. */
    @Override
    public void close() {
        http.shutdownNow();
        try {
            http.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the HTTP client is closed and its threads have ended */
    boolean terminated() {
        return http.isTerminated();
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }

}
