package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A rollback's {@code to} names one of the listed versions by its id, its version alone, or its SHA-256 prefix. */
class VersionIdsTest {

    private static final List<String> STORED = List.of("0.1.0-SNAPSHOT-7bcc28ec2ca4", "0.1.0-SNAPSHOT-f5a87e39ea4c",
            "1.0.0-0a1b2c3d4e5f");

    private static int pick(String wanted) {
        return VersionIds.pick(STORED, wanted, "stored", "plugin 'rules'");
    }

    @Test
    void every_listed_id_picks_itself() {
        for (int i = 0; i < STORED.size(); i++) {
            assertThat(pick(STORED.get(i))).isEqualTo(i);
        }
        assertThat(VersionIds.of("0.1.0-SNAPSHOT", "f5a87e39ea4c")).isEqualTo(STORED.get(1));
    }

    @Test
    void a_version_one_build_has_and_a_sha_prefix_pick_that_build() {
        assertThat(pick("1.0.0")).isEqualTo(2);
        assertThat(pick("f5a87e")).isEqualTo(1);
        assertThat(pick("7bcc28ec2ca4")).isZero();
    }

    @Test
    void a_version_two_builds_share_is_refused_naming_both_ids() {
        assertThatThrownBy(() -> pick("0.1.0-SNAPSHOT")).isInstanceOf(VersionIds.Ambiguous.class)
                .hasMessage("'0.1.0-SNAPSHOT' fits several stored versions of plugin 'rules': "
                        + "[0.1.0-SNAPSHOT-7bcc28ec2ca4, 0.1.0-SNAPSHOT-f5a87e39ea4c]; give one of these ids");
        assertThatThrownBy(() -> VersionIds.pick(List.of("1-ab07b6d60b6a", "2-ab0f00000000"), "ab0", "kept", "s"))
                .isInstanceOf(VersionIds.Ambiguous.class).hasMessageContaining("[1-ab07b6d60b6a, 2-ab0f00000000]");
    }

    @Test
    void an_unknown_version_is_refused_listing_the_ids_as_listed() {
        assertThatThrownBy(() -> pick("9.9.9")).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(VersionIds.Ambiguous.class)
                .hasMessage("no stored version '9.9.9' of plugin 'rules'; stored: " + STORED);
    }
}
