package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new H2 history file, copied from the template, is the database the migrations make, and lives on as a file. */
class H2TemplateTest {

    @TempDir
    Path dir;

    /** The schema as H2 writes it out (tables, columns, indexes, constraints), without the user's salted password. */
    private static List<String> schema(JdbiHistoryStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SCRIPT NODATA").mapTo(String.class).list()).stream()
                .filter(line -> !line.startsWith("CREATE USER")).toList();
    }

    private static List<String> migrations(JdbiHistoryStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT \"version\" || ' ' || \"checksum\" || ' '"
                        + " || \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
                        + " ORDER BY \"installed_rank\"").mapTo(String.class).list());
    }

    @Test
    void a_new_file_is_a_copy_with_the_schema_and_the_migration_history_of_a_migrated_one() {
        Path copied = dir.resolve("copied");

        assertThat(H2Template.createFrom(Path.of(copied + ".mv.db"))).isTrue();

        try (JdbiHistoryStore fromTemplate = JdbiHistoryStore.openFile(copied);
                JdbiHistoryStore migrated = JdbiHistoryStore.openMigrated(dir.resolve("migrated"))) {
            assertThat(schema(fromTemplate)).hasSizeGreaterThan(20).isEqualTo(schema(migrated));
            assertThat(migrations(fromTemplate)).hasSize(migrationFiles()).isEqualTo(migrations(migrated));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no part file left")
                    .containsExactlyInAnyOrder("copied.mv.db", "migrated.mv.db");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String maxCompactTime(JdbiHistoryStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME = 'MAX_COMPACT_TIME'").mapTo(String.class).one());
    }

    @Test
    void a_file_the_open_created_closes_without_compaction_and_a_file_that_existed_with_it() {
        Path file = dir.resolve("once");
        try (JdbiHistoryStore created = JdbiHistoryStore.openFile(file)) {
            assertThat(maxCompactTime(created)).isEqualTo("0");
        }
        try (JdbiHistoryStore existing = JdbiHistoryStore.openFile(file)) {
            assertThat(maxCompactTime(existing)).as("H2's default").isEqualTo("200");
        }
    }

    @Test
    void an_existing_file_is_not_copied_over() throws Exception {
        Path file = dir.resolve("kept.mv.db");
        Files.writeString(file, "not a template");

        assertThat(H2Template.createFrom(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo("not a template");
    }

    @Test
    void new_files_are_separate_and_keep_what_is_written_when_opened_again() {
        CycleRecord a = SampleCycles.traded("bt-a", 1);
        try (JdbiHistoryStore first = JdbiHistoryStore.openFile(dir.resolve("a"));
                JdbiHistoryStore second = JdbiHistoryStore.openFile(dir.resolve("b"))) {
            first.writeCycles(List.of(a));
            assertThat(second.cycle(a.composeId())).isEmpty();
        }
        try (JdbiHistoryStore again = JdbiHistoryStore.openFile(dir.resolve("a"))) {
            assertThat(again.cycle(a.composeId())).contains(a);
            assertThat(migrations(again)).hasSize(migrationFiles());
        }
    }

    private static int migrationFiles() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
