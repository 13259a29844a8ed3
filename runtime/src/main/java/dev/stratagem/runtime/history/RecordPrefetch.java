package dev.stratagem.runtime.history;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.TradeDigest;
import java.util.List;

/**
 * Reads, in every record of a hand-over before the first is encoded, the objects of it that {@link BlockEncoder}'s
 * reads miss most, so that those cache misses overlap instead of coming one at a time.
 *
 * <p>The replay's thread made each record's ~20-30 objects (context, feature vector and its values, portfolio views,
 * digest, decision, verdicts, fills) one to a few milliseconds before the history writer reads them, on the other
 * core: out of its caches by then. The encoder's work on a record depends on what it just read, so each miss waited
 * for the one before: 950-1,080 ns a record against 378 ns with the records in cache (BENCHMARKS.md, "Where record
 * activity's last ~12% went"). Here the loads of different records do not depend on each other, and the core keeps
 * many of them in flight: the objects read here are then in the writer core's caches when the encoder starts. The
 * writer's CPU time at record activity went from 110-118 to 78-81 ms a run. The objects between the ones read (the
 * verdicts between a list's first and last, say) were made one after another, and the hardware reads them ahead.
 *
 * <p>Only plain accessors of the plugin API's data carriers are called (no rationale, no Sharpe ratio: those run a
 * composer's or a formula's code), and nothing here throws: a record the encoder cannot read is the encoder's to
 * report.
 */
final class RecordPrefetch {

    private RecordPrefetch() {
    }

    /**
     * @param records the records; those from {@code count} on are not read
     * @param count how many to read
     * @return a fold of what was read: the caller keeps it, so the reads are not optimised away
     */
    static long touch(CycleRecord[] records, int count) {
        long fold = 0;
        for (int i = 0; i < count; i++) {
            try {
                fold += touch(records[i]);
            } catch (RuntimeException ignored) {
                // a part that cannot be read: the encoder reads it again and says so
            }
        }
        return fold;
    }

    /** @return a fold of what was read of one record; throws what an accessor of its parts throws */
    static long touch(CycleRecord r) {
        long fold = r.composeId().length();   // not the versions: one list every record shares, in cache already
        ComposeContext c = r.context();
        if (c != null) {
            List<FeatureVector> features = c.features();
            for (int i = 0; i < features.size(); i++) {
                FeatureVector f = features.get(i);
                fold += f.names().isEmpty() ? 0 : Double.doubleToRawLongBits(f.value(0));
            }
            fold += portfolio(c.portfolio());
            TradeDigest d = c.digest();
            if (d != null) {
                fold += d.ts() + (d.entries().isEmpty() ? 0 : d.entries().getFirst().tradeCount());
            }
        }
        ComposeResult decision = r.decision();
        if (decision != null) {
            fold += decision.values() == null ? 0 : 1;   // reads the rationale's object, not its text
            if (!decision.instructions().isEmpty()) {
                fold += Double.doubleToRawLongBits(decision.instructions().getFirst().quantity());
            }
        }
        if (!r.verdicts().isEmpty()) {
            fold += r.verdicts().getFirst().check().length() + r.verdicts().getLast().check().length();
        }
        for (int i = 0; i < r.txResults().size(); i++) {
            fold += Double.doubleToRawLongBits(r.txResults().get(i).fillPrice());
        }
        if (!r.closedTrades().isEmpty()) {
            fold += Double.doubleToRawLongBits(r.closedTrades().getFirst().realizedPnl());
        }
        return fold + portfolio(r.portfolioAfter());
    }

    private static long portfolio(PortfolioView p) {
        if (p == null) {
            return 0;
        }
        long fold = Double.doubleToRawLongBits(p.cash());
        return p.positions().isEmpty() ? fold : fold + Double.doubleToRawLongBits(p.positions().getFirst().quantity());
    }
}
