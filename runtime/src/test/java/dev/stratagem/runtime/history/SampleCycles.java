package dev.stratagem.runtime.history;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleError;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.Side;
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import dev.stratagem.api.VerdictOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Hand-built cycle records shaped like the ones the cycle coordinator produces. */
public final class SampleCycles {

    public static final String STRATEGY = "sma-orcl";
    static final long T0 = 1_700_000_000_000L;
    static final long DAY = 86_400_000L;

    static final List<ComponentVersion> VERSIONS = List.of(
            new ComponentVersion("features", "sma-features", "plugin-indicators", "0.1.0", "3f2a9c0b1d4e"),
            new ComponentVersion("composer", "sma-crossover", "plugin-rules", "0.1.0", "a9b8c7d6e5f4"),
            new ComponentVersion("gateway", "paper", "builtin", "0.1.0", ""));

    static final Constraints LIMITS = new Constraints(1_000, 250_000, Double.POSITIVE_INFINITY, 2.0, 5, false);

    private SampleCycles() {}

    public static String composeId(String runId, long seq) {
        return runId + "-" + seq;
    }

    /** Warm-up: the slow average is still NaN; no decision. */
    public static CycleRecord warmup(String runId, long seq) {
        long ts = T0 + seq * DAY;
        String id = composeId(runId, seq);
        PortfolioView flat = flat(ts);
        ComposeContext context = new ComposeContext(ts, id, STRATEGY,
                List.of(new FeatureVector("ORCL", ts, List.of("close", "sma_10", "sma_30"),
                        new double[] {12.5, 12.31, Double.NaN})),
                flat, TradeDigest.EMPTY, RunMode.BACKTEST);
        return new CycleRecord(id, runId, STRATEGY, seq, ts, CycleStatus.WARMUP, VERSIONS, context, null,
                List.of(), List.of(), List.of(), flat, timings(seq), null);
    }

    /** A buy that filled, a clamp, a rejection, a working limit order and a closed round trip. */
    public static CycleRecord traded(String runId, long seq) {
        long ts = T0 + seq * DAY;
        String id = composeId(runId, seq);
        TradeInstruction buy = new TradeInstruction(id + "-0", "ORCL", Side.BUY, 100, OrderType.MARKET, Double.NaN, false);
        TradeInstruction hedge = new TradeInstruction(id + "-1", "MSFT", Side.SELL, 40, OrderType.MARKET, Double.NaN, false);
        TradeInstruction limit = new TradeInstruction(id + "-2", "ORCL", Side.SELL, 50, OrderType.LIMIT, 14.25, true);
        TradeDigest digest = new TradeDigest(ts - DAY,
                List.of(new TradeDigestEntry("ORCL", 3, 412.75, 2.0 / 3, 5 * DAY, ts - 2 * DAY)), 1.37);
        ComposeContext context = new ComposeContext(ts, id, STRATEGY,
                List.of(new FeatureVector("ORCL", ts, List.of("close", "sma_10", "sma_30"),
                        new double[] {13.1, 12.9, 12.7}),
                        new FeatureVector("MSFT", ts, List.of("close"), new double[] {331.2})),
                flat(ts), digest, RunMode.PAPER);
        ComposeResult decision = ComposeResult.of("sma_10 12.9 crossed above sma_30 12.7", buy, hedge, limit);
        List<GuardrailVerdict> verdicts = List.of(
                new GuardrailVerdict(buy.id(), "lot-size", VerdictOutcome.ACCEPTED, 100, 100, ""),
                new GuardrailVerdict(buy.id(), "max-position", VerdictOutcome.CLAMPED, 150, 100,
                        "clamped to the 1000 unit position limit"),
                new GuardrailVerdict(hedge.id(), "allow-short", VerdictOutcome.REJECTED, 40, 0,
                        "shorting is not allowed for sma-orcl"),
                new GuardrailVerdict(limit.id(), "lot-size", VerdictOutcome.ACCEPTED, 50, 50, ""));
        List<TxResult> results = List.of(
                TxResult.filled(buy, 13.15, 1.3150000000000002, ts),
                TxResult.accepted(limit, ts),
                new TxResult(id + "-prev", "ORCL", Side.SELL, TxStatus.PARTIAL, 25, 13.05, 0.25, ts, "rest cancelled"));
        TradeHistoryEntry closed = new TradeHistoryEntry(STRATEGY + "-4", "ORCL", 25, ts - 6 * DAY, 12.05, ts, 13.05,
                25.0, 0.55, composeId(runId, seq - 6) + "-0", id + "-prev");
        PortfolioView after = new PortfolioView(ts, 98_684.2, 100_000.0 + 0.1 + 0.2, 1_315.0, 1_315.0, 24.45, 1.865,
                List.of(new PositionSnapshot("ORCL", 100, 13.15, 13.15, 0.0, ts)), LIMITS);
        return new CycleRecord(id, runId, STRATEGY, seq, ts, CycleStatus.TRADED, VERSIONS, context, decision,
                verdicts, results, List.of(closed), after, timings(seq), null);
    }

    /** The checks a backtest's guardrails run on an order, in their order. */
    static final List<String> CHECKS = List.of("kill-switch", "circuit-breaker", "unknown-instrument", "quantity",
            "lot-size", "max-notional", "max-position", "max-open-positions", "max-leverage", "buying-power",
            "portfolio-limits", "var-limit");

    /** A buy of {@code quantity} that every check accepted unchanged, acknowledged, not yet filled. */
    static CycleRecord accepted(String runId, long seq, double quantity) {
        long ts = T0 + seq * DAY;
        String id = composeId(runId, seq);
        TradeInstruction buy = new TradeInstruction(id + "-1", "ORCL", Side.BUY, quantity, OrderType.MARKET,
                Double.NaN, false);
        PortfolioView flat = flat(ts);
        ComposeContext context = new ComposeContext(ts, id, STRATEGY,
                List.of(new FeatureVector("ORCL", ts, List.of("close", "sma_10", "sma_30"),
                        new double[] {12.5 + seq / 100.0, 12.4, 12.3})),
                flat, TradeDigest.EMPTY, RunMode.BACKTEST);
        List<GuardrailVerdict> verdicts = CHECKS.stream()
                .map(check -> new GuardrailVerdict(buy.id(), check, VerdictOutcome.ACCEPTED, quantity, quantity, ""))
                .toList();
        return new CycleRecord(id, runId, STRATEGY, seq, ts, CycleStatus.TRADED, VERSIONS, context,
                ComposeResult.of("sma_10 crossed above sma_30: buy " + quantity, buy), verdicts,
                List.of(TxResult.accepted(buy, ts)), List.of(), flat, StageTimings.NONE, null);
    }

    /** @return the record with a lazy rationale that throws {@code error} when read, as a runaway plugin's could */
    static CycleRecord withThrowingRationale(CycleRecord r, Error error) {
        return new CycleRecord(r.composeId(), r.runId(), r.strategyId(), r.sequence(), r.ts(), r.status(),
                r.versions(), r.context(), ComposeResult.lazy(r.decision().instructions(), () -> {
                    throw error;
                }), r.verdicts(), r.txResults(), r.closedTrades(), r.portfolioAfter(), r.timings(), r.error());
    }

    /** The composer asked for a NaN size; the guardrail rejected it. */
    public static CycleRecord rejected(String runId, long seq) {
        long ts = T0 + seq * DAY;
        String id = composeId(runId, seq);
        TradeInstruction nanBuy = new TradeInstruction(id + "-0", "ORCL", Side.BUY, Double.NaN, OrderType.MARKET,
                Double.NaN, false);
        ComposeContext context = new ComposeContext(ts, id, STRATEGY,
                List.of(new FeatureVector("ORCL", ts, List.of("close"), new double[] {13.0})), flat(ts), TradeDigest.EMPTY,
                RunMode.BACKTEST);
        return new CycleRecord(id, runId, STRATEGY, seq, ts, CycleStatus.REJECTED, VERSIONS, context,
                ComposeResult.of("size from a NaN volatility", nanBuy),
                List.of(new GuardrailVerdict(nanBuy.id(), "finite-size", VerdictOutcome.REJECTED, Double.NaN, 0,
                        "quantity NaN is not a finite positive size")),
                List.of(), List.of(), flat(ts), timings(seq), null);
    }

    /** The composer threw; nothing after the decision ran. */
    public static CycleRecord failed(String runId, long seq) {
        long ts = T0 + seq * DAY;
        String id = composeId(runId, seq);
        ComposeContext context = new ComposeContext(ts, id, STRATEGY,
                List.of(new FeatureVector("ORCL", ts, List.of("close", "sma_10"), new double[] {13.0, 12.95})),
                flat(ts), TradeDigest.EMPTY, RunMode.BACKTEST);
        long[] nanos = timings(seq).nanos();
        for (int i = CycleStep.DECISION.ordinal() + 1; i < nanos.length; i++) {
            nanos[i] = 0;
        }
        return new CycleRecord(id, runId, STRATEGY, seq, ts, CycleStatus.FAILED, VERSIONS, context, null,
                List.of(), List.of(), List.of(), null, new StageTimings(nanos),
                new CycleError(CycleStep.DECISION, "composer sma-crossover threw: index 30 out of bounds for length 30",
                        "java.lang.ArrayIndexOutOfBoundsException"));
    }

    /** A quiet cycle: features, no orders. */
    public static CycleRecord idle(String runId, long seq) {
        long ts = T0 + seq * DAY;
        String id = composeId(runId, seq);
        PortfolioView flat = flat(ts);
        ComposeContext context = new ComposeContext(ts, id, STRATEGY,
                List.of(new FeatureVector("ORCL", ts, List.of("close", "sma_10", "sma_30"),
                        new double[] {12 + seq % 100 / 100.0, 12.2, 12.4})),
                flat, TradeDigest.EMPTY, RunMode.BACKTEST);
        return new CycleRecord(id, runId, STRATEGY, seq, ts, CycleStatus.IDLE, VERSIONS, context,
                ComposeResult.noop("no crossover"), List.of(), List.of(), List.of(), flat, timings(seq), null);
    }

    /** @return the bytes of a hex fixture in {@code src/test/resources/history} (a block an older encoder wrote) */
    static byte[] fixture(String name) throws IOException {
        try (InputStream in = SampleCycles.class.getResourceAsStream("/history/" + name)) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    static PortfolioView flat(long ts) {
        return new PortfolioView(ts, 100_000, 100_000, 0, 0, 0, 0, List.of(), LIMITS);
    }

    static StageTimings timings(long seq) {
        long[] nanos = new long[CycleStep.values().length];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = 40 + 7 * i + seq % 13;
        }
        return new StageTimings(nanos);
    }
}
