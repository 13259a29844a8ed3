package dev.stratagem.plugins.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chat-completions call, as sent on the wire.
 *
 * @param model the model name
 * @param messages the conversation, oldest first
 * @param temperature the sampling temperature
 * @param jsonMode whether to ask for {@code response_format: {"type": "json_object"}}
 * @param maxTokens the answer's token cap, {@code 0} for the server default
 * @param stream whether to ask for a server-sent-events stream
 */
record ChatRequest(String model, List<ChatMessage> messages, double temperature, boolean jsonMode, int maxTokens,
        boolean stream) {

    ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
    }

    /** @return the request body: key order is fixed, so the body of equal requests is byte-identical */
    String body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", messages.stream().map(m -> {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("role", m.role());
            msg.put("content", m.content());
            return msg;
        }).toList());
        body.put("temperature", temperature);
        if (jsonMode) {
            body.put("response_format", Map.of("type", "json_object"));
        }
        if (maxTokens > 0) {
            body.put("max_tokens", maxTokens);
        }
        if (stream) {
            body.put("stream", true);
        }
        return Json.write(body);
    }

    /** @return this request with one more message */
    ChatRequest plus(ChatMessage message) {
        List<ChatMessage> more = new java.util.ArrayList<>(messages);
        more.add(message);
        return new ChatRequest(model, more, temperature, jsonMode, maxTokens, stream);
    }

    /** A rough token estimate (four characters a token) for rate limiting before the real usage is known. */
    int estimatedTokens() {
        int chars = 0;
        for (ChatMessage m : messages) {
            chars += m.content().length();
        }
        return chars / 4 + 1 + Math.max(maxTokens, 0);
    }

    /**
     * One message.
     *
     * @param role {@code system}, {@code user} or {@code assistant}
     * @param content the text
     */
    record ChatMessage(String role, String content) {
        ChatMessage {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }
}
