package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The console's read queries: filtered keyset pages of cycles and downsampled series. Every page query
 * walks the {@code (run_id, seq)} or {@code (run_id, status, seq)} index from the cursor (V2 migration),
 * so a page costs the same at the start and at the end of a million-cycle run.
 */
final class ConsoleQueries {

    private final Jdbi jdbi;

    ConsoleQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    CyclePage cycles(CycleFilter f) {
        return jdbi.withHandle(h -> {
            if (f.componentId() != null && !componentRan(h, f)) {
                return new CyclePage(List.of(), null);
            }
            StringBuilder sql = new StringBuilder("SELECT compose_id, run_id, seq, ts, status, rationale, error_step,"
                    + " total_nanos FROM cycles WHERE run_id = :run AND seq > :after");
            if (f.status() != null) {
                sql.append(" AND status = :status");
            }
            if (f.fromTs() != null) {
                sql.append(" AND ts >= :from");
            }
            if (f.toTs() != null) {
                sql.append(" AND ts <= :to");
            }
            if (f.composeIdPrefix() != null) {
                sql.append(" AND compose_id LIKE :prefix ESCAPE '!'");
            }
            if (f.componentId() != null) {
                sql.append(" AND EXISTS (SELECT 1 FROM component_versions v WHERE v.compose_id = cycles.compose_id"
                        + " AND v.component_id = :cid");
                sql.append(f.componentVersion() != null ? " AND v.version = :ver)" : ")");
            }
            sql.append(" ORDER BY seq LIMIT :limit");
            Query q = h.createQuery(sql.toString()).bind("run", f.runId()).bind("after", f.afterSequence())
                    .bind("limit", f.limit() + 1);
            if (f.status() != null) {
                q.bind("status", f.status().name());
            }
            if (f.fromTs() != null) {
                q.bind("from", f.fromTs());
            }
            if (f.toTs() != null) {
                q.bind("to", f.toTs());
            }
            if (f.composeIdPrefix() != null) {
                q.bind("prefix", f.composeIdPrefix().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            if (f.componentId() != null) {
                q.bind("cid", f.componentId());
                if (f.componentVersion() != null) {
                    q.bind("ver", f.componentVersion());
                }
            }
            List<CycleSummary> rows = new ArrayList<>(q.map((rs, ctx) -> new CycleSummary(rs.getString(1),
                    rs.getString(2), rs.getLong(3), rs.getLong(4), CycleStatus.valueOf(rs.getString(5)),
                    nonNull(rs.getString(6)), nonNull(rs.getString(7)), rs.getLong(8))).list());
            Long next = null;
            if (rows.size() > f.limit()) {
                rows.removeLast();
                next = rows.getLast().sequence();
            }
            return new CyclePage(rows, next);
        });
    }

    /** Cheap guard: a component version that never ran would otherwise make the EXISTS walk the whole run. */
    private static boolean componentRan(Handle h, CycleFilter f) {
        String sql = "SELECT 1 FROM component_versions WHERE component_id = ?"
                + (f.componentVersion() != null ? " AND version = ?" : "") + " LIMIT 1";
        Query q = h.createQuery(sql).bind(0, f.componentId());
        if (f.componentVersion() != null) {
            q.bind(1, f.componentVersion());
        }
        return q.mapTo(Integer.class).findOne().isPresent();
    }

    List<SeriesPoint> equity(String runId, int points) {
        return series(runId, points, "SELECT c.seq, c.ts, s.equity FROM cycles c JOIN portfolio_snapshots s"
                + " ON s.compose_id = c.compose_id WHERE c.run_id = :run", "");
    }

    List<SeriesPoint> feature(String runId, String name, int points) {
        return series(runId, points, "SELECT c.seq, c.ts, f.feature_value FROM cycles c JOIN cycle_features f"
                + " ON f.compose_id = c.compose_id WHERE c.run_id = :run AND f.name = :name"
                + " AND f.feature_value IS NOT NULL", name);
    }

    /** Every {@code step}-th cycle by sequence, plus the last one, so a chart gets about {@code points} points. */
    private List<SeriesPoint> series(String runId, int points, String select, String name) {
        return jdbi.withHandle(h -> {
            Optional<Long> last = h.createQuery("SELECT seq FROM cycles WHERE run_id = ? ORDER BY seq DESC LIMIT 1")
                    .bind(0, runId).mapTo(Long.class).findOne();
            if (last.isEmpty()) {
                return List.of();
            }
            long step = Math.max(1, last.get() / Math.max(1, points));
            Query q = h.createQuery(select + " AND (MOD(c.seq, :step) = 0 OR c.seq = :last) ORDER BY c.seq")
                    .bind("run", runId).bind("step", step).bind("last", last.get());
            if (!name.isEmpty()) {
                q.bind("name", name);
            }
            return q.map((rs, ctx) -> new SeriesPoint(rs.getLong(1), rs.getLong(2), rs.getDouble(3))).list();
        });
    }

    Optional<SeriesPoint> lastEquity(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.seq, c.ts, s.equity FROM cycles c JOIN portfolio_snapshots s"
                        + " ON s.compose_id = c.compose_id WHERE c.run_id = ? ORDER BY c.seq DESC LIMIT 1")
                .bind(0, runId)
                .map((rs, ctx) -> new SeriesPoint(rs.getLong(1), rs.getLong(2), rs.getDouble(3))).findOne());
    }

    long lastSequence(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq FROM cycles WHERE run_id = ? ORDER BY seq DESC LIMIT 1")
                .bind(0, runId).mapTo(Long.class).findOne().orElse(0L));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
