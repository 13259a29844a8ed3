package dev.stratagem.runtime.history;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.runtime.cycle.ComposeId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The reads of a run whose history is in blocks (backtests): the same answers as {@link RowCycleReads} gives
 * for the same cycles, computed from decoded blocks. A page decodes from the block holding its cursor on and
 * skips, by their headers, blocks that cannot match its status, time range or compose-id prefix
 * ({@link SequencePrefix}), and, for a component filter, blocks whose bytes do not hold the component's id; a chart
 * decodes every block of the run once.
 */
final class BlockCycleReads implements CycleReads {

    private final Jdbi jdbi;

    BlockCycleReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the cycle's record, if a block of its run holds it */
    Optional<CycleRecord> cycle(String composeId) {
        return ComposeId.parse(composeId).flatMap(id -> jdbi.withHandle(h ->
                CycleBlocks.blockHolding(h, id.runId(), id.sequence()).stream()
                        .filter(r -> r.sequence() == id.sequence() && r.composeId().equals(composeId)).findFirst()));
    }

    @Override
    public List<CycleRow> cycleRows(String runId, long afterSequence, int limit) {
        List<CycleRow> rows = new ArrayList<>();
        jdbi.useHandle(h -> {
            for (CycleBlocks.Header b : CycleBlocks.headers(h, runId, afterSequence)) {
                for (CycleRecord r : CycleBlocks.records(h, runId, b.firstSeq())) {
                    if (r.sequence() > afterSequence && rows.size() < limit) {
                        rows.add(new CycleRow(r.composeId(), r.sequence(), r.ts(), r.status(), rationale(r),
                                r.error() == null ? "" : r.error().step().name(),
                                r.error() == null ? "" : r.error().reason()));
                    }
                }
                if (rows.size() >= limit) {
                    return;
                }
            }
        });
        return rows;
    }

    @Override
    public long count(String runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(cycles), 0) FROM cycle_blocks WHERE run_id = ?")
                .bind(0, runId).mapTo(Long.class).one());
    }

    @Override
    public CyclePage cycles(CycleFilter f) {
        List<CycleSummary> page = new ArrayList<>();
        SequencePrefix prefix = SequencePrefix.of(f.runId(), f.composeIdPrefix() == null ? "" : f.composeIdPrefix());
        byte[] component = literal(f.runId(), f.componentId());
        jdbi.useHandle(h -> {
            for (CycleBlocks.Header b : CycleBlocks.headers(h, f.runId(), f.afterSequence())) {
                if (f.toTs() != null && b.firstTs() > f.toTs()) {
                    return; // a run's cycles are in time order
                }
                if (!b.mayHold(f.status()) || f.fromTs() != null && b.lastTs() < f.fromTs()
                        || prefix.next(Math.max(f.afterSequence(), b.firstSeq() - 1)) > b.lastSeq()) {
                    continue;
                }
                for (CycleRecord r : CycleBlocks.records(h, f.runId(), b.firstSeq(), component)) {
                    if (r.sequence() > f.afterSequence() && matches(f, r)) {
                        page.add(new CycleSummary(r.composeId(), r.runId(), r.sequence(), r.ts(), r.status(),
                                rationale(r), r.error() == null ? "" : r.error().step().name(), r.timings().total()));
                        if (page.size() > f.limit()) {
                            return;
                        }
                    }
                }
            }
        });
        if (page.size() > f.limit()) {
            page.removeLast();
            return new CyclePage(page, page.getLast().sequence());
        }
        return new CyclePage(page, null);
    }

    /**
     * The bytes a block holds literally when a record of it ran the component: an ASCII string is written as its bytes
     * the first time a block uses it, except one that starts with the run id (written as a suffix to it).
     *
     * @return those bytes; null when there is no component filter or no such bytes to look for (every block decoded)
     */
    private static byte[] literal(String runId, String componentId) {
        if (componentId == null || componentId.isEmpty() || componentId.startsWith(runId)) {
            return null;
        }
        for (int i = 0; i < componentId.length(); i++) {
            if (componentId.charAt(i) >= 0x80) {
                return null;
            }
        }
        return componentId.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean matches(CycleFilter f, CycleRecord r) {
        return (f.status() == null || r.status() == f.status())
                && (f.fromTs() == null || r.ts() >= f.fromTs())
                && (f.toTs() == null || r.ts() <= f.toTs())
                && (f.composeIdPrefix() == null || r.composeId().startsWith(f.composeIdPrefix()))
                && (f.componentId() == null || ran(r, f.componentId(), f.componentVersion()));
    }

    private static boolean ran(CycleRecord r, String componentId, String version) {
        for (ComponentVersion v : r.versions()) {
            if (v.componentId().equals(componentId) && (version == null || v.version().equals(version))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<SeriesPoint> equity(String runId, int points) {
        List<SeriesPoint> series = new ArrayList<>();
        sampled(runId, points, r -> {
            if (r.portfolioAfter() != null) {
                series.add(new SeriesPoint(r.sequence(), r.ts(), r.portfolioAfter().equity()));
            }
        });
        return series;
    }

    @Override
    public List<SeriesPoint> feature(String runId, String name, int points) {
        List<SeriesPoint> series = new ArrayList<>();
        sampled(runId, points, r -> {
            for (FeatureVector f : features(r)) {
                List<String> names = f.names();
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).equals(name) && !Double.isNaN(f.value(i))) {
                        series.add(new SeriesPoint(r.sequence(), r.ts(), f.value(i)));
                    }
                }
            }
        });
        return series;
    }

    @Override
    public List<PriceSeries.Bar> bars(String runId, int points) {
        List<PriceSeries.Bar> bars = new ArrayList<>();
        sampled(runId, points, r -> features(r).stream()
                .map(f -> bar(r, f))
                .sorted(PriceSeries.Bar.ORDER)
                .filter(b -> b.point().open() != null || b.point().high() != null || b.point().low() != null
                        || b.point().close() != null)
                .forEach(bars::add));
        return bars;
    }

    private static PriceSeries.Bar bar(CycleRecord r, FeatureVector f) {
        return new PriceSeries.Bar(f.symbol(), new PricePoint(r.sequence(), r.ts(), 0, value(f, "open"),
                value(f, "high"), value(f, "low"), value(f, "close")));
    }

    /** The feature's value, {@code null} when absent or NaN (as the rows store a NaN). */
    private static Double value(FeatureVector f, String name) {
        List<String> names = f.names();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name) && !Double.isNaN(f.value(i))) {
                return f.value(i);
            }
        }
        return null;
    }

    private static List<FeatureVector> features(CycleRecord r) {
        return r.context() == null ? List.of() : r.context().features();
    }

    /** Calls {@code each} with the latest recorded cycle of each {@link CycleReads.Sampling} bucket, by sequence. */
    private void sampled(String runId, int points, Consumer<CycleRecord> each) {
        jdbi.useHandle(h -> {
            long last = lastSequence(h, runId);
            if (last == 0) {
                return;
            }
            Sampling sampling = Sampling.of(last, points);
            CycleRecord latest = null;   // the latest record so far of the bucket being read
            for (CycleBlocks.Header b : CycleBlocks.headers(h, runId, 0)) {
                for (CycleRecord r : CycleBlocks.records(h, runId, b.firstSeq())) {
                    if (r.sequence() > last) {
                        break;   // stored after the last was read
                    }
                    if (latest != null && sampling.bucket(r.sequence()) != sampling.bucket(latest.sequence())) {
                        each.accept(latest);
                    }
                    latest = r;
                }
            }
            if (latest != null) {
                each.accept(latest);
            }
        });
    }

    @Override
    public Optional<SeriesPoint> lastEquity(String runId) {
        return jdbi.withHandle(h -> CycleBlocks.latest(h, runId, r -> r.portfolioAfter() == null ? null
                : new SeriesPoint(r.sequence(), r.ts(), r.portfolioAfter().equity())));
    }

    @Override
    public long lastSequence(String runId) {
        return jdbi.withHandle(h -> lastSequence(h, runId));
    }

    private static long lastSequence(Handle h, String runId) {
        return h.createQuery("SELECT COALESCE(MAX(last_seq), 0) FROM cycle_blocks WHERE run_id = ?")
                .bind(0, runId).mapTo(Long.class).one();
    }

    private static String rationale(CycleRecord r) {
        return r.decision() == null || r.decision().rationale() == null ? "" : r.decision().rationale();
    }
}
