package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new H2 history file, copied from the template, is the schema the migrations make, and lives on as a file. */
class H2TemplateTest {

    @TempDir
    Path dir;

    private static List<String> schema(JdbiHistoryStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT table_name || '.' || column_name || ' '"
                        + " || data_type FROM information_schema.columns WHERE table_schema = 'PUBLIC'"
                        + " ORDER BY table_name, ordinal_position").mapTo(String.class).list());
    }

    private static List<String> migrations(JdbiHistoryStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT \"version\" || ' ' || \"checksum\" || ' '"
                        + " || \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
                        + " ORDER BY \"installed_rank\"").mapTo(String.class).list());
    }

    @Test
    void a_new_file_has_the_schema_and_the_migration_history_of_a_migrated_one() {
        try (JdbiHistoryStore copied = JdbiHistoryStore.openFile(dir.resolve("copied"));
                JdbiHistoryStore migrated = JdbiHistoryStore.openMigrated(dir.resolve("migrated"))) {
            assertThat(schema(copied)).isNotEmpty().isEqualTo(schema(migrated));
            assertThat(migrations(copied)).hasSize(migrationFiles()).isEqualTo(migrations(migrated));
        }
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
