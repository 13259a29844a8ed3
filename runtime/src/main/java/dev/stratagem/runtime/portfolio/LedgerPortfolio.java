package dev.stratagem.runtime.portfolio;

import dev.stratagem.api.Candle;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.PortfolioService;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TxResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The exact portfolio ledger (id {@code ledger}): cash, signed positions, realized PnL and fees in
 * {@link BigDecimal}; fill doubles enter through {@link BigDecimal#valueOf(double)} (shortest representation,
 * so {@code 2.37037} stays {@code 2.37037}).
 *
 * <p>Rules. A fill moves cash by {@code -signedQty * price - fee}. Adding to a position (or opening one)
 * adds to its cost basis; reducing realizes {@code (price - average) * closedQty * sign}; reaching zero
 * realizes the rest and resets; a fill through zero closes the old position fully and opens the remainder at
 * the fill price. The average price is derived from an exact cost basis, so the identity
 * {@code equity == initialCash + realizedPnl - fees + unrealizedPnl} holds exactly.
 *
 * <p>Marks. {@link #mark(Candle)} values the bar's symbol at its close. A fill on a symbol never marked seeds
 * the mark with the fill price; later fills do not move the mark. The view is cached and rebuilt only after a
 * fill or a mark that moves the price of a held position; a mark of a flat symbol does no decimal arithmetic.
 *
 * <p>In the view, {@code realizedPnl} is net of fees (as {@link PortfolioView} defines it); {@link
 * #realizedPnl()} here is before fees. Trade records are described on {@link RoundTrip}.
 *
 * <p>Not thread-safe: called from its strategy's thread only.
 */
public final class LedgerPortfolio implements PortfolioService {

    private final String strategyId;
    private final BigDecimal initialCash;
    private final Constraints constraints;

    private final Map<String, PositionBook> books = new HashMap<>();
    private final TreeMap<String, PositionBook> held = new TreeMap<>();
    private final List<TradeHistoryEntry> closedTrades = new ArrayList<>();
    /**
     * The closed round trips' exact realized PnL and fees, summed as they close: a run keeps its trades as entries
     * only (a list of the round trips was ~150,000 objects a million-bar backtest for its young collections to copy).
     */
    private BigDecimal closedRealized = BigDecimal.ZERO;
    private BigDecimal closedFees = BigDecimal.ZERO;
    private int tradeCount;

    private BigDecimal cash;
    private BigDecimal realizedPnl = BigDecimal.ZERO;
    private BigDecimal fees = BigDecimal.ZERO;
    private long ts;

    /** Whether the exact aggregates and the cached view are stale (a fill or a held mark moved). */
    private boolean dirty = true;
    /** Whether cash, realized PnL or fees moved since their doubles were derived. */
    private boolean booksDirty = true;
    private double cashValue;
    private double realizedNetValue;
    private double feesValue;
    /** Exact; null after a refresh in long arithmetic until asked for (then made from the longs below). */
    private BigDecimal equity;
    private BigDecimal netExposure;
    private BigDecimal grossExposure;
    private long equityUnscaled;
    private int equityScale;
    private long netUnscaled;
    private int netScale;
    /** Cash as an unscaled long and scale, when it fits ({@code cashCompact}); derived with the doubles. */
    private boolean cashCompact;
    private long cashUnscaled;
    private int cashScale;
    private PortfolioView view;
    /** The book the last mark went to. */
    private PositionBook lastMarked;

    /**
     * @param strategyId the strategy, prefix of trade ids
     * @param initialCash the starting cash
     * @param constraints the limits the view carries
     */
    public LedgerPortfolio(String strategyId, BigDecimal initialCash, Constraints constraints) {
        this.strategyId = Objects.requireNonNull(strategyId, "strategyId");
        if (strategyId.isBlank()) {
            throw new IllegalArgumentException("strategyId must not be blank");
        }
        this.initialCash = Objects.requireNonNull(initialCash, "initialCash");
        this.constraints = Objects.requireNonNull(constraints, "constraints");
        this.cash = initialCash;
    }

    @Override
    public String id() {
        return "ledger";
    }

    @Override
    public void mark(Candle bar) {
        if (bar.ts() > ts) {
            ts = bar.ts();
        }
        PositionBook book = lastMarked;
        if (book == null || !book.symbol.equals(bar.symbol())) {   // a one-symbol strategy: the same book every bar
            book = books.get(bar.symbol());
            if (book == null) {
                book = new PositionBook(bar.symbol());
                books.put(bar.symbol(), book);
            }
            lastMarked = book;
        }
        if (book.mark(bar.close()) && !book.isFlat()) {
            dirty = true;
        }
    }

    @Override
    public List<TradeHistoryEntry> apply(List<TxResult> fills) {
        List<TradeHistoryEntry> closed = List.of();
        for (TxResult fill : fills) {
            if (!fill.status().isFill()) {
                continue;
            }
            PositionBook book = books.computeIfAbsent(fill.symbol(), PositionBook::new);
            RoundTrip done = applyFill(fill, book);
            book.filled();
            if (done != null) {
                TradeHistoryEntry entry = done.toEntry(strategyId, true);
                closedTrades.add(entry);
                closedRealized = closedRealized.add(done.realizedPnl());
                closedFees = closedFees.add(done.fees());
                if (closed.isEmpty()) {
                    closed = new ArrayList<>(2);
                }
                closed.add(entry);
            }
        }
        return closed.isEmpty() ? closed : List.copyOf(closed);
    }

    /** @return the round trip this fill closed, or null */
    private RoundTrip applyFill(TxResult fill, PositionBook book) {
        BigDecimal quantity = DecimalDoubles.exact(fill.filledQuantity());   // BigDecimal.valueOf, faster
        BigDecimal price = DecimalDoubles.exact(fill.fillPrice());
        BigDecimal fee = DecimalDoubles.exact(fill.fee());
        int side = fill.side().sign();
        BigDecimal signed = side > 0 ? quantity : quantity.negate();

        cash = cash.subtract(signed.multiply(price)).subtract(fee);
        fees = fees.add(fee);
        if (fill.ts() > ts) {
            ts = fill.ts();
        }
        dirty = true;
        booksDirty = true;

        if (!book.hasMark()) {
            book.markExact(fill.fillPrice(), price);
        }
        int current = book.quantity.signum();
        if (current == 0 || current == side) {
            if (current == 0) {
                open(book, side, fill);
            }
            add(book, quantity, signed, price, fee);
            return null;
        }
        BigDecimal heldAbs = book.quantity.abs();
        boolean throughZero = quantity.compareTo(heldAbs) >= 0;
        BigDecimal closing = throughZero ? heldAbs : quantity;
        BigDecimal removedBasis = throughZero ? book.costBasis
                : book.costBasis.multiply(closing).divide(heldAbs, MathContext.DECIMAL128);
        BigDecimal closingSigned = current > 0 ? closing : closing.negate();
        BigDecimal realized = closingSigned.multiply(price).subtract(removedBasis);
        BigDecimal remainder = quantity.subtract(closing);
        BigDecimal closingFee = remainder.signum() == 0 ? fee
                : fee.multiply(closing).divide(quantity, MathContext.DECIMAL128);

        realizedPnl = realizedPnl.add(realized);
        book.quantity = book.quantity.subtract(closingSigned);
        book.costBasis = book.costBasis.subtract(removedBasis);
        RoundTrip trade = book.openTrade;
        trade.addExit(closing, price, realized, closingFee, fill.ts(), fill.instructionId());
        if (!throughZero) {
            return null;
        }
        held.remove(book.symbol);
        book.openTrade = null;
        if (remainder.signum() > 0) {
            open(book, side, fill);
            add(book, remainder, side > 0 ? remainder : remainder.negate(), price, fee.subtract(closingFee));
        }
        return trade;
    }

    private void open(PositionBook book, int direction, TxResult fill) {
        book.openTrade = new RoundTrip(++tradeCount, book.symbol, direction, fill.ts(), fill.instructionId());
        book.openedAt = fill.ts();
        held.put(book.symbol, book);
    }

    private static void add(PositionBook book, BigDecimal quantity, BigDecimal signed, BigDecimal price,
            BigDecimal fee) {
        book.quantity = book.quantity.add(signed);
        book.costBasis = book.costBasis.add(signed.multiply(price));
        book.openTrade.addEntry(quantity, price, fee);
    }

    @Override
    public PortfolioView view() {
        if (dirty) {
            refresh();
        } else if (view.ts() != ts) {
            view = new PortfolioView(ts, view.cash(), view.equity(), view.grossExposure(), view.netExposure(),
                    view.realizedPnl(), view.fees(), view.positions(), constraints);
        }
        return view;
    }

    private void refresh() {
        if (booksDirty) {
            cashValue = DecimalDoubles.of(cash);
            realizedNetValue = DecimalDoubles.of(realizedPnl.subtract(fees));
            feesValue = DecimalDoubles.of(fees);
            cashCompact = LongDecimals.fits(cash);
            if (cashCompact) {
                cashUnscaled = LongDecimals.unscaled(cash);
                cashScale = cash.scale();
            }
            booksDirty = false;
        }
        if (held.size() == 1 && refreshOne(held.firstEntry().getValue())) {
            return;
        }
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        List<PositionSnapshot> positions;
        if (held.size() == 1) {
            PositionBook book = held.firstEntry().getValue();
            BigDecimal value = book.marketValue();
            net = value.scale() < 0 ? net.add(value) : value;   // ZERO + value, as the loop has it, without the add
            gross = net.abs();
            positions = List.of(book.snapshot());
        } else {
            positions = new ArrayList<>(held.size());
            for (PositionBook book : held.values()) {
                BigDecimal value = book.marketValue();
                net = net.add(value);
                gross = gross.add(value.abs());
                positions.add(book.snapshot());
            }
        }
        netExposure = net;
        grossExposure = gross;
        equity = cash.add(net);
        double netValue = DecimalDoubles.of(net);
        // one position: gross is |net|, and rounding to double is symmetric
        double grossValue = positions.size() == 1 ? Math.abs(netValue) : DecimalDoubles.of(gross);
        view = new PortfolioView(ts, cashValue, DecimalDoubles.of(equity), grossValue, netValue,
                realizedNetValue, feesValue, positions, constraints);   // the view copies the list itself
        dirty = false;
    }

    /**
     * The view of a one-position book in long arithmetic: each bar a held position is marked, its value, the
     * equity and the unrealized PnL are exact sums and products of unscaled longs, with the scales BigDecimal
     * would give them, converted to doubles bit for bit as {@link DecimalDoubles#of(BigDecimal)} does. The exact
     * BigDecimals are made only if asked for. False (nothing changed) when a value does not fit in a long or
     * the mark has no short exact decimal: then the BigDecimal path does it.
     */
    private boolean refreshOne(PositionBook book) {
        if (!cashCompact || !book.compact || book.markScale() < 0) {
            return false;
        }
        long value;
        int valueScale = book.quantityScale + book.markScale();
        long total;
        int totalScale = Math.max(cashScale, valueScale);
        long unrealized;
        int unrealizedScale = Math.max(valueScale, book.basisScale);
        try {
            value = Math.multiplyExact(book.quantityUnscaled, book.markUnscaled());
            total = Math.addExact(LongDecimals.rescale(cashUnscaled, cashScale, totalScale),
                    LongDecimals.rescale(value, valueScale, totalScale));
            unrealized = Math.subtractExact(LongDecimals.rescale(value, valueScale, unrealizedScale),
                    LongDecimals.rescale(book.basisUnscaled, book.basisScale, unrealizedScale));
        } catch (ArithmeticException tooLarge) {
            return false;
        }
        if (value == Long.MIN_VALUE) {
            return false;                      // no absolute value
        }
        netUnscaled = value;
        netScale = valueScale;
        equityUnscaled = total;
        equityScale = totalScale;
        equity = null;
        netExposure = null;
        grossExposure = null;
        double netValue = DecimalDoubles.of(value, valueScale);
        view = new PortfolioView(ts, cashValue, DecimalDoubles.of(total, totalScale), Math.abs(netValue), netValue,
                realizedNetValue, feesValue, List.of(book.snapshot(DecimalDoubles.of(unrealized, unrealizedScale))),
                constraints);
        dirty = false;
        return true;
    }

    /** @return the cash balance, exact */
    public BigDecimal cash() {
        return cash;
    }

    /** @return cash plus the marked value of every position, exact */
    public BigDecimal equity() {
        if (dirty) {
            refresh();
        }
        if (equity == null) {
            equity = BigDecimal.valueOf(equityUnscaled, equityScale);
        }
        return equity;
    }

    /** @return the sum of signed position values at their marks, exact */
    public BigDecimal netExposure() {
        if (dirty) {
            refresh();
        }
        if (netExposure == null) {
            netExposure = BigDecimal.valueOf(netUnscaled, netScale);
        }
        return netExposure;
    }

    /** @return the sum of absolute position values at their marks, exact */
    public BigDecimal grossExposure() {
        if (dirty) {
            refresh();
        }
        if (grossExposure == null) {
            grossExposure = BigDecimal.valueOf(Math.abs(netUnscaled), netScale);
        }
        return grossExposure;
    }

    /** @return the open positions' {@code quantity * mark - costBasis}, exact */
    public BigDecimal unrealizedPnl() {
        BigDecimal sum = BigDecimal.ZERO;
        for (PositionBook book : held.values()) {
            sum = sum.add(book.unrealizedPnl());
        }
        return sum;
    }

    /** @return the realized PnL since the start, before fees, exact */
    public BigDecimal realizedPnl() {
        return realizedPnl;
    }

    /** @return the fees paid since the start, exact */
    public BigDecimal fees() {
        return fees;
    }

    /** @return the starting cash */
    public BigDecimal initialCash() {
        return initialCash;
    }

    /**
     * @param symbol a symbol
     * @return its signed quantity, zero when flat or unknown
     */
    public BigDecimal quantity(String symbol) {
        PositionBook book = books.get(symbol);
        return book == null ? BigDecimal.ZERO : book.quantity;
    }

    /**
     * @param symbol a symbol
     * @return the average entry price of its open quantity (cost basis / quantity, 16 digits), zero when flat
     */
    public BigDecimal averagePrice(String symbol) {
        PositionBook book = books.get(symbol);
        return book == null ? BigDecimal.ZERO : book.averagePrice();
    }

    /** @return the latest mark or fill time, epoch milliseconds; 0 before any */
    public long lastUpdate() {
        return ts;
    }

    /** @return every trade: the closed ones in closing order, then the open ones in entry order */
    public List<TradeHistoryEntry> trades() {
        List<TradeHistoryEntry> all = new ArrayList<>(closedTrades);
        all.addAll(openTrades());
        return List.copyOf(all);
    }

    /** @return the open trades in entry order, with {@code exitTs 0}, {@code exitPrice NaN}, no PnL */
    public List<TradeHistoryEntry> openTrades() {
        return openRoundTrips().stream().map(t -> t.toEntry(strategyId, false)).toList();
    }

    /** @return the exact realized PnL before fees of the closed round trips, each trade's figure summed */
    BigDecimal closedRealizedPnl() {
        return closedRealized;
    }

    /** @return the exact fees of the closed round trips, each trade's figure summed */
    BigDecimal closedFees() {
        return closedFees;
    }

    /** The open round trips with their exact figures, in entry order. */
    List<RoundTrip> openRoundTrips() {
        return held.values().stream()
                .map(b -> b.openTrade)
                .sorted(Comparator.comparingInt((RoundTrip t) -> t.number))
                .toList();
    }
}
