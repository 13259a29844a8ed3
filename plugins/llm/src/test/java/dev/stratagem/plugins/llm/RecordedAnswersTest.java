package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedAnswersTest {

    @TempDir
    Path dir;

    private static final ChatRequest ASK = new ChatRequest("m", List.of(new ChatRequest.ChatMessage("user", "hi")), 0,
            false, 0, false);

    private void record(String composeId, String stage, String answer) {
        PromptJournal.forRecording(dir, "s").append(composeId, stage, PromptJournal.hash(ASK), ASK,
                new PromptJournal.Entry(answer, null, 1, 1));
    }

    @Test
    void finds_the_answer_of_the_same_cycle_and_stage_first_then_the_latest_of_the_stage_then_of_the_hash() {
        record("c1", "decision", "one");
        record("c2", "decision", "two");
        record("c3", "director", "three");
        RecordedAnswers answers = RecordedAnswers.of(dir, "s");
        String hash = PromptJournal.hash(ASK);

        assertThat(answers.find("c1", "decision", hash).answer()).isEqualTo("one");
        assertThat(answers.find("c1", "decision", hash).answer()).as("never consumed").isEqualTo("one");
        assertThat(answers.find("c9", "decision", hash).answer()).isEqualTo("two");
        assertThat(answers.find("c9", "quant", hash).answer()).isEqualTo("three");
        assertThat(answers.find("c1", "decision", "0".repeat(64))).isNull();
    }

    @Test
    void reads_the_journal_again_when_it_grew_and_skips_a_line_cut_short() throws Exception {
        RecordedAnswers answers = RecordedAnswers.of(dir, "s");
        String hash = PromptJournal.hash(ASK);
        assertThat(answers.find("c1", "decision", hash)).as("no journal yet").isNull();

        Files.writeString(dir.resolve("s.jsonl"), "{\"composeId\":\"c0\",\"sta", StandardOpenOption.CREATE);
        Files.writeString(dir.resolve("s.jsonl"), "\n", StandardOpenOption.APPEND);
        record("c1", "decision", "one");

        assertThat(answers.find("c1", "decision", hash).answer()).isEqualTo("one");
    }

    @Test
    void a_last_line_cut_inside_a_multi_byte_character_does_not_fail_the_replay() throws Exception {
        record("c1", "decision", "one");
        byte[] cut = "{\"composeId\":\"c2\",\"answer\":\"caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(dir.resolve("s.jsonl"), java.util.Arrays.copyOf(cut, cut.length - 1), StandardOpenOption.APPEND);

        assertThat(RecordedAnswers.of(dir, "s").find("c1", "decision", PromptJournal.hash(ASK)).answer())
                .isEqualTo("one");
    }

    @Test
    void a_journal_that_cannot_be_read_gives_no_answer_instead_of_failing_the_replay() throws Exception {
        Files.createDirectories(dir.resolve("s.jsonl")); // there, but reading it fails with an I/O error
        RecordedAnswers answers = RecordedAnswers.of(dir, "s");

        assertThat(answers.find("c1", "decision", PromptJournal.hash(ASK))).isNull();
    }

    @Test
    void without_recordings_there_is_no_answer() {
        assertThat(RecordedAnswers.of(null, "s").find("c1", "decision", PromptJournal.hash(ASK))).isNull();
    }
}
