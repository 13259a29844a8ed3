package dev.stratagem.plugins.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call of one strategy and its outcome, one JSON object per line in {@code <dir>/<strategyId>.jsonl}:
 * {@code {"composeId", "stage", "hash", "model", "request", "answer" | "failure", "failureKind",
 * "promptTokens", "completionTokens"}}. The hash is the SHA-256 of the request body without the stream flag
 * (model, parameters and messages), so a replay finds an answer by what was asked. Compose ids carry the run
 * id, which is new in every backtest, so a replay matches on the hash and takes the recorded answers of
 * equal hashes in recorded order; the compose id stays in the line for the audit trail. Failures are
 * recorded too, so a fallback or a NOOP replays as it happened.
 */
final class PromptJournal {

    /** A recorded outcome: an answer or a failure. */
    record Entry(String answer, ChatFailure failure, int promptTokens, int completionTokens) {}

    private final Path file;
    private final Map<String, ArrayDeque<Entry>> replay = new HashMap<>();

    private PromptJournal(Path file) {
        this.file = file;
    }

    /** Opens a journal to append to, creating the folder. */
    static PromptJournal forRecording(Path dir, String strategyId) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create recordings folder " + dir, e);
        }
        return new PromptJournal(dir.resolve(strategyId + ".jsonl"));
    }

    private static final System.Logger LOG = System.getLogger(PromptJournal.class.getName());

    /**
     * Loads a journal to replay. A last line without its newline that cannot be read (cut short by a crash
     * while recording) is skipped with a warning naming the file and line; any other unreadable line fails.
     */
    static PromptJournal forReplay(Path dir, String strategyId) {
        PromptJournal j = new PromptJournal(dir.resolve(strategyId + ".jsonl"));
        if (!Files.isRegularFile(j.file)) {
            throw new IllegalArgumentException("replay: no recording " + j.file);
        }
        for (Line line : lines(j.file, false)) {
            j.replay.computeIfAbsent(line.hash(), h -> new ArrayDeque<>()).add(line.entry());
        }
        return j;
    }

    /** One recorded call: its cycle, stage, request hash and outcome. */
    record Line(String composeId, String stage, String hash, Entry entry) {}

    /**
     * Reads a journal file.
     *
     * @param lenient skip any line that cannot be read instead of failing; otherwise only a last line without
     *     its newline (a write cut short by a crash) is skipped, with a logged warning
     * @return its calls in recorded order
     * @throws IllegalArgumentException naming the file and line, unless {@code lenient}
     * @throws UncheckedIOException if the file cannot be read
     */
    @SuppressWarnings("unchecked")
    static List<Line> lines(Path file, boolean lenient) {
        String all;
        try {
            // decoded leniently: a write cut inside a multi-byte character must not fail the whole file
            all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> text = all.lines().toList();
        boolean unterminated = !all.isEmpty() && !all.endsWith("\n");
        List<Line> lines = new ArrayList<>(text.size());
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).isBlank()) {
                continue;
            }
            try {
                Map<String, Object> m = (Map<String, Object>) Json.parse(text.get(i));
                Entry entry = m.get("answer") instanceof String a
                        ? new Entry(a, null, count(m.get("promptTokens")), count(m.get("completionTokens")))
                        : new Entry(null, new ChatFailure(ChatFailure.Kind.valueOf((String) m.get("failureKind")),
                                (String) m.get("failure")), 0, 0);
                lines.add(new Line((String) m.get("composeId"), (String) m.get("stage"),
                        java.util.Objects.requireNonNull((String) m.get("hash"), "hash"), entry));
            } catch (RuntimeException e) {
                if (!lenient && unterminated && i == text.size() - 1) {
                    LOG.log(System.Logger.Level.WARNING, "{0} line {1}: skipped a last line cut short ({2})", file,
                            i + 1, e.getMessage());
                } else if (!lenient) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        return lines;
    }

    /**
     * @param request the call
     * @return the replay key: SHA-256 hex of the request body, stream flag off
     */
    static String hash(ChatRequest request) {
        ChatRequest plain = new ChatRequest(request.model(), request.messages(), request.temperature(),
                request.jsonMode(), request.maxTokens(), false);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plain.body().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the next recorded outcome of this request
     * @throws IllegalStateException naming the compose id, the stage and the hash, if there is none
     */
    synchronized Entry take(String composeId, String stage, String hash) {
        ArrayDeque<Entry> answers = replay.get(hash);
        if (answers == null || answers.isEmpty()) {
            throw new IllegalStateException("replay: no recorded answer for composeId " + composeId + ", stage "
                    + stage + ", hash " + hash + " in " + file);
        }
        return answers.removeFirst();
    }

    /** Appends one line and flushes it, so a crash loses at most the call in progress. */
    synchronized void append(String composeId, String stage, String hash, ChatRequest request, Entry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("composeId", composeId);
        line.put("stage", stage);
        line.put("hash", hash);
        line.put("model", request.model());
        line.put("request", Json.parse(request.body()));
        if (entry.answer() != null) {
            line.put("answer", entry.answer());
            line.put("promptTokens", entry.promptTokens());
            line.put("completionTokens", entry.completionTokens());
        } else {
            line.put("failureKind", entry.failure().kind().name());
            line.put("failure", entry.failure().detail());
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(Json.write(line));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    Path file() {
        return file;
    }

    private static int count(Object n) {
        return n instanceof Number num ? num.intValue() : 0;
    }
}
