package dev.stratagem.plugins.paper;

import dev.stratagem.api.Candle;
import dev.stratagem.api.ExecutionGateway;
import dev.stratagem.api.MarketWindow;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * A simulated venue for backtests and paper trading. Submission returns an already completed stage.
 *
 * <p>{@code fill: next-open} (default): every order is acknowledged ({@link TxStatus#ACCEPTED}, at the
 * latest bar's ts) and fills in {@link #onBar(Candle)} at the open of the next bar of its symbol. A buy
 * pays {@code open * (1 + slippageBps / 1e4)}, a sell gets {@code open * (1 - slippageBps / 1e4)}. A limit
 * order fills only on a bar that trades through its limit (buy: {@code low <= limit}; sell:
 * {@code high >= limit}), at the slipped open capped at the limit, and otherwise keeps working. Fills of
 * one bar come in submission order.
 *
 * <p>{@code fill: mark}: a market order fills at once at the latest close, slipped the same way; a limit
 * order fills at once if the close is at or through its limit, otherwise it works as above.
 *
 * <p>The fee is {@code |quantity * price| * feeBps / 1e4}. An instruction id is used once: a resend of a
 * seen id, an instruction without id, a size that is not positive and finite, or a symbol without market
 * data is {@link TxStatus#REJECTED} with the reason and does not trade.
 *
 * <p>Latency model: every submission is acknowledged {@code latencyMs} plus a seeded uniform jitter of up to
 * {@code latencyJitterMs} later (the prices are those of the bar it was sent on). Idempotency across
 * restarts: with {@code journal: <file>} every fill is appended to that file before it is reported, and a
 * later process given the same file answers a resend of an executed id with the original fill instead of
 * trading again: on the bar it filled on, when the resend comes before that bar (a cycle re-run after a
 * crash), else at once with the reason {@code already executed}.
 *
 * <p>Parameters: {@code fill} ({@code next-open} | {@code mark}), {@code feeBps} (0), {@code slippageBps} (0),
 * {@code latencyMs} (0), {@code latencyJitterMs} (0), {@code seed} (1), {@code journal} (none).
 */
@Extension
public final class PaperExecutionGateway implements ExecutionGateway {

    /** The id a result carries for an instruction that arrived without one (a result needs an id). */
    static final String MISSING_ID = "missing-id";

    private PaperConfig config = PaperConfig.DEFAULTS;
    private FillPricing pricing = FillPricing.of(config);
    private final IdSet seenIds = new IdSet();
    private final WorkingOrders working = new WorkingOrders();
    private FillJournal journal;
    private java.util.Random jitter = new java.util.Random(1);

    @Override
    public String id() {
        return "paper";
    }

    @Override
    public void configure(Parameters params) {
        config = PaperConfig.from(params, id());
        pricing = FillPricing.of(config);
        journal = config.journal().isEmpty() ? null : FillJournal.open(java.nio.file.Path.of(config.journal()));
        jitter = new java.util.Random(config.seed());
    }

    @Override
    public CompletionStage<List<TxResult>> submit(List<TradeInstruction> instructions, MarketWindow market) {
        List<TxResult> results = new ArrayList<>(instructions.size());
        for (TradeInstruction in : instructions) {
            results.add(submitOne(in, market));
        }
        if (journal != null) {
            journal.record(results.stream().filter(r -> r.status().isFill()).toList());
        }
        long delay = config.latencyMs()
                + (config.latencyJitterMs() == 0 ? 0 : (long) (jitter.nextDouble() * (config.latencyJitterMs() + 1)));
        if (delay == 0) {
            return CompletableFuture.completedFuture(results);
        }
        return CompletableFuture.supplyAsync(() -> results, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
    }

    @Override
    public List<TxResult> onBar(Candle bar) {
        List<TxResult> fills = working.fill(bar, pricing);
        if (journal != null) {
            journal.record(fills);
        }
        return fills;
    }

    PaperConfig config() {
        return config;
    }

    WorkingOrders working() {
        return working;
    }

    private TxResult submitOne(TradeInstruction in, MarketWindow market) {
        long ts = latestTs(market, in.symbol());
        if (in.id() == null) {
            return TxResult.failed(in.withId(MISSING_ID), TxStatus.REJECTED,
                    "instruction has no id; the runtime assigns one before execution", ts);
        }
        if (!seenIds.add(in.id())) {
            return TxResult.failed(in, TxStatus.REJECTED, "duplicate instruction id " + in.id(), ts);
        }
        TxResult earlier = journal == null ? null : journal.executed(in.id());
        if (earlier != null && earlier.ts() > ts) {
            working.addReplay(in, ts, earlier); // it filled on a later bar: it fills on that bar again, at its price
            return TxResult.accepted(in, ts);
        }
        if (earlier != null) {
            return new TxResult(earlier.instructionId(), earlier.symbol(), earlier.side(), earlier.status(),
                    earlier.filledQuantity(), earlier.fillPrice(), earlier.fee(), earlier.ts(),
                    "already executed before a restart; original fill returned");
        }
        if (!(in.quantity() > 0) || !Double.isFinite(in.quantity())) {
            return TxResult.failed(in, TxStatus.REJECTED,
                    "quantity must be positive and finite, was " + in.quantity(), ts);
        }
        if (!hasData(market, in.symbol())) {
            return TxResult.failed(in, TxStatus.REJECTED, "no market data for " + in.symbol(), ts);
        }
        if (config.fill() == FillModel.MARK) {
            double close = market.latest(in.symbol()).close();
            double price = markPrice(in, close);
            if (!Double.isNaN(price)) {
                return TxResult.filled(in, price, pricing.fee(in.quantity(), price), ts);
            }
        }
        working.add(in, ts);
        return TxResult.accepted(in, ts);
    }

    /** @return the fill price at the mark, NaN for a limit the close has not reached */
    private double markPrice(TradeInstruction in, double close) {
        if (in.type() == OrderType.MARKET) {
            return pricing.price(in.side(), close);
        }
        boolean marketable = in.side() == Side.BUY ? close <= in.limitPrice() : close >= in.limitPrice();
        return marketable ? pricing.limitPrice(in.side(), close, in.limitPrice()) : Double.NaN;
    }

    private static boolean hasData(MarketWindow market, String symbol) {
        return market.symbols().contains(symbol) && market.size(symbol) > 0;
    }

    /** The symbol's latest bar ts; for a symbol without data, the newest ts in the window (0 if empty). */
    private static long latestTs(MarketWindow market, String symbol) {
        if (hasData(market, symbol)) {
            return market.latest(symbol).ts();
        }
        long ts = 0;
        for (String s : market.symbols()) {
            if (market.size(s) > 0) {
                ts = Math.max(ts, market.latest(s).ts());
            }
        }
        return ts;
    }
}
