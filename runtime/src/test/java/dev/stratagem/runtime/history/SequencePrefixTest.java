package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The next sequence a compose-id prefix matches is what testing every sequence's id in turn finds. */
class SequencePrefixTest {

    @Test
    void the_next_match_is_the_first_sequence_whose_compose_id_starts_with_the_prefix() {
        String run = "bt-20261122T053644-15dd92";
        String[] prefixes = {"", "bt", run, run + "-", run + "-1", run + "-12", run + "-9", run + "-105", run + "-0",
                run + "-1x", run + "x", "other-run-1", run + "-12345"};
        for (String prefix : prefixes) {
            SequencePrefix p = SequencePrefix.of(run, prefix);
            for (long after = 0; after < 2_000; after += after < 200 ? 1 : 37) {
                long expected = Long.MAX_VALUE;
                for (long seq = after + 1; seq <= 200_000; seq++) {
                    if ((run + "-" + seq).startsWith(prefix)) {
                        expected = seq;
                        break;
                    }
                }
                long next = p.next(after);
                assertThat(expected == Long.MAX_VALUE ? next > 200_000 : next == expected)
                        .as("prefix %s after %d: %d, expected %d", prefix, after, next, expected).isTrue();
            }
        }
    }
}
