package dev.stratagem.plugins.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 speaking real HTTP: JSON completions, SSE
 * streams, error statuses, 429 with Retry-After, malformed bodies and answers that never come (held on a
 * latch released at {@link #close()}). What it answers is a function of the request.
 */
final class FakeOpenAiServer implements AutoCloseable {

    /** One received request. */
    record Received(String body, String authorization, long nanos) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }

        /** @return the content of the last user message */
        @SuppressWarnings("unchecked")
        String lastUser() {
            List<Object> messages = (List<Object>) json().get("messages");
            String last = null;
            for (Object m : messages) {
                Map<String, Object> msg = (Map<String, Object>) m;
                if ("user".equals(msg.get("role"))) {
                    last = (String) msg.get("content");
                }
            }
            return last;
        }
    }

    /** What to answer. */
    sealed interface Reply {}

    record Completion(String content, int promptTokens, int completionTokens) implements Reply {}

    record Stream(List<String> pieces) implements Reply {}

    record Status(int code, String body, String retryAfter) implements Reply {}

    record Raw(String contentType, String body) implements Reply {}

    record Hang() implements Reply {}

    static Completion answer(String content) {
        return new Completion(content, 10, 5);
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile Function<Received, Reply> responder;

    FakeOpenAiServer(Function<Received, Reply> responder) throws IOException {
        this.responder = responder;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void respond(Function<Received, Reply> next) {
        responder = next;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "application/json", "{\"error\":{\"message\":\"POST only\"}}");
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received r = new Received(body, ex.getRequestHeaders().getFirst("Authorization"), System.nanoTime());
            received.add(r);
            Reply reply = responder.apply(r);
            concurrent.decrementAndGet();
            now = -1;
            switch (reply) {
                case Completion c -> send(ex, 200, "application/json", completion(c));
                case Stream s -> stream(ex, s);
                case Status s -> {
                    if (s.retryAfter() != null) {
                        ex.getResponseHeaders().add("Retry-After", s.retryAfter());
                    }
                    send(ex, s.code(), "application/json", s.body());
                }
                case Raw raw -> send(ex, 200, raw.contentType(), raw.body());
                case Hang h -> {
                    try {
                        released.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        } finally {
            if (now != -1) {
                concurrent.decrementAndGet();
            }
        }
    }

    private static String completion(Completion c) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"fake\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":" + Json.write(c.content()) + "},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + c.promptTokens() + ",\"completion_tokens\":" + c.completionTokens()
                + ",\"total_tokens\":" + (c.promptTokens() + c.completionTokens()) + "}}";
    }

    private static void stream(HttpExchange ex, Stream s) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0); // chunked
        try (OutputStream out = ex.getResponseBody()) {
            write(out, ": keep-alive comment\n\n");
            write(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n");
            for (String piece : s.pieces()) {
                write(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Json.write(piece) + "}}]}\n\n");
            }
            write(out, "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}\n\n");
            write(out, "data: [DONE]\n\n");
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
