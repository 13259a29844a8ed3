package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptJournalTest {

    @TempDir
    Path dir;

    private static final ChatRequest ASK = new ChatRequest("m", List.of(new ChatRequest.ChatMessage("user", "hi")), 0,
            false, 0, false);

    private void record(String composeId, String answer) {
        PromptJournal.forRecording(dir, "s").append(composeId, "decision", PromptJournal.hash(ASK), ASK,
                new PromptJournal.Entry(answer, null, 1, 1));
    }

    @Test
    void a_replay_skips_a_last_line_cut_short_by_a_crash_while_recording() throws Exception {
        record("c1", "one");
        record("c2", "two");
        // the crash hit inside a multi-byte character of the third line: no newline, not even whole UTF-8
        byte[] cut = "{\"composeId\":\"c3\",\"answer\":\"caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(dir.resolve("s.jsonl"), java.util.Arrays.copyOf(cut, cut.length - 1), StandardOpenOption.APPEND);

        PromptJournal replay = PromptJournal.forReplay(dir, "s");

        assertThat(replay.take("x1", "decision", PromptJournal.hash(ASK)).answer()).isEqualTo("one");
        assertThat(replay.take("x2", "decision", PromptJournal.hash(ASK)).answer()).isEqualTo("two");
        assertThatThrownBy(() -> replay.take("x3", "decision", PromptJournal.hash(ASK)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no recorded answer");
    }

    @Test
    void a_replay_still_refuses_a_damaged_line_that_is_not_the_cut_short_last_one() throws Exception {
        record("c1", "one");
        Files.writeString(dir.resolve("s.jsonl"), "{\"composeId\":\n", StandardOpenOption.APPEND);
        record("c2", "two");

        assertThatThrownBy(() -> PromptJournal.forReplay(dir, "s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s.jsonl line 2");
    }

    @Test
    void a_replay_refuses_a_complete_last_line_that_cannot_be_read() throws Exception {
        record("c1", "one");
        Files.writeString(dir.resolve("s.jsonl"), "{\"composeId\":\"c2\"}\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> PromptJournal.forReplay(dir, "s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s.jsonl line 2");
    }
}
