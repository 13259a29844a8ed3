package dev.stratagem.plugins.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdSetTest {

    @Test
    void an_id_is_new_once_across_growth_and_equal_hash_codes() {
        IdSet ids = new IdSet();
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.add("bt-20261122T120000-abc123-" + i + "-1")).isTrue();
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.add(new String("bt-20261122T120000-abc123-" + i + "-1"))).isFalse();
        }
        // "Aa" and "BB" have the same hash code, as do their concatenations
        assertThat(ids.add("AaAa")).isTrue();
        assertThat(ids.add("BBBB")).isTrue();
        assertThat(ids.add("AaBB")).isTrue();
        assertThat(ids.add("BBAa")).isTrue();
        assertThat(ids.add("BBBB")).isFalse();
        assertThat(ids.size()).isEqualTo(10_004);
    }

    @Test
    void an_id_whose_hash_is_zero_is_an_id_like_any_other_even_first() {
        IdSet ids = new IdSet();   // "" hashes to 0 and lands at index 0: its slot is not the empty slot's 0
        assertThat(ids.add("")).isTrue();
        assertThat(ids.add("")).isFalse();
        assertThat(ids.add("x")).isTrue();
        assertThat(ids.size()).isEqualTo(2);
    }

    @Test
    void it_answers_as_a_hash_set_does_on_short_random_ids() {
        java.util.Random random = new java.util.Random(7);
        IdSet set = new IdSet();
        Set<String> reference = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            // two to three characters from a small alphabet: many repeats and many equal hash codes
            char[] chars = new char[2 + random.nextInt(2)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = "ABab-1".charAt(random.nextInt(6));
            }
            String id = new String(chars);
            assertThat(set.add(id)).as("id %s", id).isEqualTo(reference.add(id));
        }
        assertThat(set.size()).isEqualTo(reference.size());
    }

    @Test
    void a_table_past_65536_slots_spreads_ids_over_all_of_it() {
        // the slot once took 16 bits of the hash: a table grown past 65,536 slots used its first 65,536 only
        IdSet ids = new IdSet();
        for (int i = 0; i < 200_000; i++) {
            assertThat(ids.add("bt-20261124T010000-9f3c2a-" + i + "-1")).isTrue();
        }
        assertThat(ids.add("bt-20261124T010000-9f3c2a-199999-1")).isFalse();
        assertThat(ids.add("bt-20261124T010000-9f3c2a-0-1")).isFalse();
        assertThat(ids.longestProbe()).isLessThan(64);
        assertThat(ids.size()).isEqualTo(200_000);
    }
}
