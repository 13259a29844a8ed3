package dev.stratagem.runtime.portfolio;

import dev.stratagem.api.PositionSnapshot;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One symbol's position. The open quantity's cost is kept as an exact signed cost basis instead of an
 * average price, because an average (cost / quantity) is in general not a finite decimal: the average is
 * derived for display, the books never round it.
 */
final class PositionBook {

    final String symbol;
    BigDecimal quantity = BigDecimal.ZERO;
    /** Signed: what the open quantity cost, {@code Σ signedQty * price} less the basis already closed. */
    BigDecimal costBasis = BigDecimal.ZERO;
    long openedAt;
    RoundTrip openTrade;

    /** The latest mark as given; NaN before the first mark or fill. */
    private double markPrice = Double.NaN;
    /** {@code BigDecimal.valueOf(markPrice)}, made only when a held position needs it. */
    private BigDecimal exactMark;
    private BigDecimal marketValue;
    private PositionSnapshot snapshot;
    /** Derived on a fill only: a mark does not move them. */
    private double quantityValue;
    private double averagePriceValue;
    /**
     * The quantity and cost basis as unscaled longs and scales (set on a fill), for the ledger's long arithmetic;
     * {@code compact} is false when either does not fit.
     */
    boolean compact;
    long quantityUnscaled;
    int quantityScale;
    long basisUnscaled;
    int basisScale;
    /** The scale of the exact mark's digits, {@link #UNKNOWN} until asked, -1 if the mark is not price-like. */
    private int markScale = UNKNOWN;
    private static final int UNKNOWN = -2;

    PositionBook(String symbol) {
        this.symbol = symbol;
    }

    boolean isFlat() {
        return quantity.signum() == 0;
    }

    boolean hasMark() {
        return !Double.isNaN(markPrice);
    }

    double markPrice() {
        return markPrice;
    }

    /** @return whether the price changed */
    boolean mark(double price) {
        if (price == markPrice) {
            return false;
        }
        markPrice = price;
        exactMark = null;
        markScale = UNKNOWN;
        invalidate();
        return true;
    }

    /** Seeds the mark with an exact price already converted (a fill on a symbol never marked). */
    void markExact(double price, BigDecimal exact) {
        markPrice = price;
        exactMark = exact;
        markScale = -1;                        // the BigDecimal is at hand: no long arithmetic for this mark
        invalidate();
    }

    void invalidate() {
        marketValue = null;
        snapshot = null;
    }

    /** Call after the quantity or cost basis changed. */
    void filled() {
        invalidate();
        quantityValue = quantity.doubleValue();
        averagePriceValue = averagePrice().doubleValue();
        compact = LongDecimals.fits(quantity) && LongDecimals.fits(costBasis);
        if (compact) {
            quantityUnscaled = LongDecimals.unscaled(quantity);
            quantityScale = quantity.scale();
            basisUnscaled = LongDecimals.unscaled(costBasis);
            basisScale = costBasis.scale();
        }
    }

    /** @return the scale of the exact mark's digits (1 to 8), or -1 when only a BigDecimal holds it exactly */
    int markScale() {
        if (markScale == UNKNOWN) {
            markScale = DecimalDoubles.exactScale(markPrice);
        }
        return markScale;
    }

    /** @return the exact mark's unscaled digits; call only when {@link #markScale()} is positive */
    long markUnscaled() {
        return DecimalDoubles.exactUnscaled(markPrice, markScale);
    }

    BigDecimal exactMark() {
        if (exactMark == null) {
            exactMark = DecimalDoubles.exact(markPrice);
        }
        return exactMark;
    }

    /** @return {@code quantity * mark}, signed and exact */
    BigDecimal marketValue() {
        if (marketValue == null) {
            marketValue = quantity.multiply(exactMark());
        }
        return marketValue;
    }

    BigDecimal unrealizedPnl() {
        return marketValue().subtract(costBasis);
    }

    BigDecimal averagePrice() {
        return isFlat() ? BigDecimal.ZERO : costBasis.divide(quantity, MathContext.DECIMAL64);
    }

    PositionSnapshot snapshot() {
        if (snapshot == null) {
            snapshot = snapshot(DecimalDoubles.of(unrealizedPnl()));
        }
        return snapshot;
    }

    /** @return the snapshot with its unrealized PnL already converted (the ledger's long arithmetic did it) */
    PositionSnapshot snapshot(double unrealizedPnl) {
        if (snapshot == null) {
            snapshot = new PositionSnapshot(symbol, quantityValue, averagePriceValue, markPrice, unrealizedPnl,
                    openedAt);
        }
        return snapshot;
    }
}
