package dev.stratagem.runtime.history;

import java.util.Arrays;
import java.util.List;

/** Hot-reload events in the history database ({@code reload_events}, migration V4). Thread-safe. */
public final class ReloadEventStore {

    private final JdbiHistoryStore store;

    /** @param store the history database */
    public ReloadEventStore(JdbiHistoryStore store) {
        this.store = store;
    }

    /** @param e the event to record */
    public void record(ReloadEvent e) {
        store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO reload_events (event_id, at, plugin_id, trigger_kind,"
                        + " jar, old_version, old_sha256, new_version, new_sha256, outcome, reason, strategies,"
                        + " detect_micros, load_micros, validate_micros, swap_micros)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, e.eventId()).bind(1, e.at()).bind(2, e.pluginId()).bind(3, e.trigger()).bind(4, e.jar())
                .bind(5, e.oldVersion()).bind(6, e.oldSha256()).bind(7, e.newVersion()).bind(8, e.newSha256())
                .bind(9, e.outcome()).bind(10, e.reason()).bind(11, String.join(",", e.strategies()))
                .bind(12, e.detectMicros()).bind(13, e.loadMicros()).bind(14, e.validateMicros())
                .bind(15, e.swapMicros()).execute());
    }

    /**
     * @param pluginId a plugin
     * @param limit the most events to return
     * @return its events, newest first
     */
    public List<ReloadEvent> history(String pluginId, int limit) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT event_id, at, plugin_id, trigger_kind, jar,"
                        + " old_version, old_sha256, new_version, new_sha256, outcome, reason, strategies,"
                        + " detect_micros, load_micros, validate_micros, swap_micros FROM reload_events"
                        + " WHERE plugin_id = ? ORDER BY event_id DESC LIMIT ?")
                .bind(0, pluginId).bind(1, limit)
                .map((rs, ctx) -> new ReloadEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11),
                        rs.getString(12).isEmpty() ? List.of() : Arrays.asList(rs.getString(12).split(",")),
                        rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16)))
                .list());
    }

    /**
     * @param prefix an id prefix, for example {@code script:}
     * @return the ids with events that start with it, sorted
     */
    public List<String> ids(String prefix) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT plugin_id FROM reload_events"
                        + " WHERE LEFT(plugin_id, ?) = ? ORDER BY plugin_id")
                .bind(0, prefix.length()).bind(1, prefix)
                .mapTo(String.class).list());
    }

    /** @return the largest event id recorded, 0 if none */
    public long lastEventId() {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(MAX(event_id), 0) FROM reload_events")
                .mapTo(Long.class).one());
    }
}
