package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The reads of a run whose history is one row per cycle (paper and live): filtered keyset pages of cycles and
 * downsampled series. Every page query walks the {@code (run_id, seq)} or {@code (run_id, status, seq)} index
 * from the cursor (V2 migration), so a page costs the same at the start and at the end of a million-cycle run.
 */
final class RowCycleReads implements CycleReads {

    private final Jdbi jdbi;

    RowCycleReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<CycleRow> cycleRows(String runId, long afterSequence, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT compose_id, seq, ts, status, rationale, error_step,"
                        + " error_reason FROM cycles WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                .bind(0, runId).bind(1, afterSequence).bind(2, limit)
                .map((rs, ctx) -> new CycleRow(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        CycleStatus.valueOf(rs.getString(4)), nonNull(rs.getString(5)), nonNull(rs.getString(6)),
                        nonNull(rs.getString(7))))
                .list());
    }

    @Override
    public long count(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM cycles WHERE run_id = ?")
                .bind(0, runId).mapTo(Long.class).one());
    }

    @Override
    public CyclePage cycles(CycleFilter f) {
        return jdbi.withHandle(h -> {
            if (f.componentId() != null && !componentRan(h, f)) {
                return new CyclePage(List.of(), null);
            }
            // A run's cycles are in time order, so a time range is a sequence range: found on the (run_id, ts)
            // index, it lets the page walk the sequence index instead of every cycle of the range.
            long after = f.afterSequence();
            Long upTo = null;
            if (f.fromTs() != null) {
                Optional<Long> first = edge(h, f.runId(), "ts >= ?", f.fromTs(), "");
                if (first.isEmpty()) {
                    return new CyclePage(List.of(), null);
                }
                after = Math.max(after, first.get() - 1);
            }
            if (f.toTs() != null) {
                Optional<Long> last = edge(h, f.runId(), "ts <= ?", f.toTs(), " DESC");
                if (last.isEmpty()) {
                    return new CyclePage(List.of(), null);
                }
                upTo = last.get();
            }
            // A compose-id prefix matches few cycles: they come off the primary key (the expressions on run_id and
            // seq keep the planner from walking the run's sequence index instead) and are sorted.
            boolean byId = f.composeIdPrefix() != null;
            String run = byId ? "CONCAT(run_id, '')" : "run_id";
            String seq = byId ? "seq + 0" : "seq";
            StringBuilder sql = new StringBuilder("SELECT compose_id, run_id, seq, ts, status, rationale, error_step,"
                    + " total_nanos FROM cycles WHERE " + run + " = :run AND " + seq + " > :after");
            if (upTo != null) {
                sql.append(" AND ").append(seq).append(" <= :upTo");
            }
            if (f.status() != null) {
                sql.append(" AND status = :status");
            }
            if (f.composeIdPrefix() != null) {
                sql.append(" AND compose_id LIKE :prefix ESCAPE '!'");
            }
            if (f.componentId() != null) {
                sql.append(" AND EXISTS (SELECT 1 FROM component_versions v WHERE v.compose_id = cycles.compose_id"
                        + " AND v.component_id = :cid");
                sql.append(f.componentVersion() != null ? " AND v.version = :ver)" : ")");
            }
            // ORDER BY the whole index prefix (run_id and status are fixed by the WHERE): H2 then reads the index
            // in order and stops at the limit; ORDER BY seq alone makes it read and sort every match first.
            sql.append(byId ? " ORDER BY seq"
                    : f.status() != null ? " ORDER BY run_id, status, seq" : " ORDER BY run_id, seq")
                    .append(" LIMIT :limit");
            Query q = h.createQuery(sql.toString()).bind("run", f.runId()).bind("after", after)
                    .bind("limit", f.limit() + 1);
            if (upTo != null) {
                q.bind("upTo", upTo);
            }
            if (f.status() != null) {
                q.bind("status", f.status().name());
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

    /** The first (or, descending, the last) sequence of a run whose time meets the condition. */
    private static Optional<Long> edge(Handle h, String runId, String condition, long ts, String direction) {
        return h.createQuery("SELECT seq FROM cycles WHERE run_id = ? AND " + condition + " ORDER BY run_id" + direction
                        + ", ts" + direction + " LIMIT 1")
                .bind(0, runId).bind(1, ts).mapTo(Long.class).findOne();
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

    @Override
    public List<SeriesPoint> equity(String runId, int points) {
        return series(runId, points, "SELECT c.seq, c.ts, s.equity FROM cycles c JOIN portfolio_snapshots s"
                + " ON s.compose_id = c.compose_id WHERE c.run_id = :run", "");
    }

    @Override
    public List<SeriesPoint> feature(String runId, String name, int points) {
        return series(runId, points, "SELECT c.seq, c.ts, f.feature_value FROM cycles c JOIN cycle_features f"
                + " ON f.compose_id = c.compose_id WHERE c.run_id = :run AND f.name = :name"
                + " AND f.feature_value IS NOT NULL", name);
    }

    @Override
    public List<PriceSeries.Bar> bars(String runId, int points) {
        // sorted here, not by the database: a PostgreSQL locale collation orders symbols unlike String.compareTo
        List<PriceSeries.Bar> bars = new ArrayList<>(series(runId, points, "SELECT c.seq, c.ts, f.symbol,"
                + " MAX(CASE WHEN f.name = 'open' THEN f.feature_value END),"
                + " MAX(CASE WHEN f.name = 'high' THEN f.feature_value END),"
                + " MAX(CASE WHEN f.name = 'low' THEN f.feature_value END),"
                + " MAX(CASE WHEN f.name = 'close' THEN f.feature_value END)"
                + " FROM cycles c JOIN cycle_features f ON f.compose_id = c.compose_id WHERE c.run_id = :run"
                + " AND f.name IN ('open', 'high', 'low', 'close') AND f.feature_value IS NOT NULL",
                " GROUP BY c.seq, c.ts, f.symbol", "",
                (rs, ctx) -> new PriceSeries.Bar(rs.getString(3), new PricePoint(rs.getLong(1), rs.getLong(2),
                        0, number(rs, 4), number(rs, 5), number(rs, 6), number(rs, 7)))));
        bars.sort(PriceSeries.Bar.ORDER);
        return bars;
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private List<SeriesPoint> series(String runId, int points, String select, String name) {
        return series(runId, points, select, " ORDER BY c.seq", name,
                (rs, ctx) -> new SeriesPoint(rs.getLong(1), rs.getLong(2), rs.getDouble(3)));
    }

    /** The latest recorded cycle of each {@link Sampling} bucket, so a chart gets at most {@code points} cycles. */
    private <T> List<T> series(String runId, int points, String select, String tail, String name, RowMapper<T> mapper) {
        return jdbi.withHandle(h -> {
            Optional<Long> last = h.createQuery("SELECT seq FROM cycles WHERE run_id = ? ORDER BY run_id DESC, seq DESC LIMIT 1")
                    .bind(0, runId).mapTo(Long.class).findOne();
            if (last.isEmpty()) {
                return List.<T>of();
            }
            Sampling sampling = Sampling.of(last.get(), points);
            // the latest recorded cycle of each bucket (see Sampling): ceil(seq * points / last) in integers
            Query q = h.createQuery(select + " AND c.seq IN (SELECT MAX(b.seq) FROM cycles b WHERE b.run_id = :run"
                            + " AND b.seq <= :last GROUP BY (b.seq * :points + :last - 1) / :last)" + tail)
                    .bind("run", runId).bind("points", sampling.points()).bind("last", sampling.last());
            if (!name.isEmpty()) {
                q.bind("name", name);
            }
            return q.map(mapper).list();
        });
    }

    @Override
    public Optional<SeriesPoint> lastEquity(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.seq, c.ts, s.equity FROM cycles c JOIN portfolio_snapshots s"
                        + " ON s.compose_id = c.compose_id WHERE c.run_id = ? ORDER BY c.run_id DESC, c.seq DESC LIMIT 1")
                .bind(0, runId)
                .map((rs, ctx) -> new SeriesPoint(rs.getLong(1), rs.getLong(2), rs.getDouble(3))).findOne());
    }

    @Override
    public long lastSequence(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq FROM cycles WHERE run_id = ? ORDER BY run_id DESC, seq DESC LIMIT 1")
                .bind(0, runId).mapTo(Long.class).findOne().orElse(0L));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
