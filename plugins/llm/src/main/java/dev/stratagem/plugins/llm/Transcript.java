package dev.stratagem.plugins.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of one cycle, appended to the rationale as {@code <text> || llm {"v":1,"calls":[...]}}: one
 * object per call with {@code stage}, {@code model}, {@code hash} (the journal key) and {@code answer} (clipped to 2000 characters) or {@code failure}; then
 * {@code fallback} when the fallback rule decided. The full prompts and answers are in the journal. A replay
 * writes the same transcript as the recorded run, so the rationale is identical too.
 */
final class Transcript {

    static final String MARKER = " || llm ";
    private static final int MAX_ANSWER = 2000;

    private final List<Object> calls = new ArrayList<>();
    private String fallback;

    void answer(String stage, String model, String hash, String answer) {
        Map<String, Object> c = call(stage, model, hash);
        c.put("answer", answer.length() <= MAX_ANSWER ? answer : answer.substring(0, MAX_ANSWER) + "...");
    }

    void failure(String stage, String model, String hash, ChatFailure failure) {
        call(stage, model, hash).put("failure", failure.getMessage());
    }

    void fallback(String rule) {
        fallback = rule;
    }

    private Map<String, Object> call(String stage, String model, String hash) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("stage", stage);
        c.put("model", model);
        c.put("hash", hash);
        calls.add(c);
        return c;
    }

    /** @return {@code text} with the transcript appended */
    String appendTo(String text) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("v", 1);
        t.put("calls", calls);
        if (fallback != null) {
            t.put("fallback", fallback);
        }
        return text + MARKER + Json.write(t);
    }
}
