package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V5: the columns that hold a script id ({@code script:<absolute folder>}) take paths longer than
 * 200 characters, as CI temp folders and deep checkouts have.
 */
class ScriptIdColumnsTest {

    private static final String RUN = "pp-20260101-0001";

    @TempDir
    Path dir;

    private static String longScriptId() {
        String id = "script:/tmp/junit" + "/a-rather-deep-folder-of-a-ci-runner-checkout".repeat(8)
                + "/scripts/js/max-position";
        assertThat(id.length()).isGreaterThan(300);
        return id;
    }

    @Test
    void a_cycle_records_a_script_version_whose_source_is_longer_than_200_characters() {
        String source = longScriptId();
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            CycleRecord sample = SampleCycles.idle(RUN, 1);
            List<ComponentVersion> versions = List.of(sample.versions().get(0), sample.versions().get(2),
                    new ComponentVersion("composer", "tagger", source, "1", "0123456789ab"));
            CycleRecord cycle = new CycleRecord(sample.composeId(), sample.runId(), sample.strategyId(),
                    sample.sequence(), sample.ts(), sample.status(), versions, sample.context(), sample.decision(),
                    sample.verdicts(), sample.txResults(), sample.closedTrades(), sample.portfolioAfter(),
                    sample.timings(), sample.error());
            store.writeCycles(List.of(cycle));

            assertThat(store.cycle(cycle.composeId())).contains(cycle);
            String stored = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT source FROM component_versions WHERE role = 'composer'").mapTo(String.class).one());
            assertThat(stored).isEqualTo(source);
        }
    }

    @Test
    void a_reload_event_of_a_script_with_an_id_longer_than_200_characters_reads_back() {
        String id = longScriptId();
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(dir.resolve("h"))) {
            ReloadEventStore events = new ReloadEventStore(store);
            ReloadEvent event = new ReloadEvent(1, 1_700_000_000_000L, id, "WATCH", id.substring("script:".length()),
                    "1", "0123456789ab", "1", "ba9876543210", ReloadEvent.SWAPPED, "risk: swapped", List.of("s1"),
                    0, 10, 20, 30);
            events.record(event);

            assertThat(events.history(id, 10)).containsExactly(event);
        }
    }
}
