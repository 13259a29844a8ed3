package dev.stratagem.runtime.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A compose id is its run id, a dash and the sequence, and reads back as such. */
class ComposeIdTest {

    @Test
    void an_id_reads_back_as_its_run_and_sequence() {
        ComposeId id = new ComposeId("bt-20261122T053644-15dd92", 91);
        assertThat(id).hasToString("bt-20261122T053644-15dd92-91");
        assertThat(ComposeId.parse(id.toString())).contains(id);
        assertThat(id.toString()).startsWith(ComposeId.prefix(id.runId()));
    }

    @Test
    void text_without_a_run_and_a_number_is_not_an_id() {
        assertThat(ComposeId.parse("bt-x-")).isEmpty();
        assertThat(ComposeId.parse("bt-x-seven")).isEmpty();
        assertThat(ComposeId.parse("-7")).isEmpty();
        assertThat(ComposeId.parse("nodash")).isEmpty();
    }
}
