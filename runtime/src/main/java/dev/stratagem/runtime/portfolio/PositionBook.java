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
        invalidate();
        return true;
    }

    /** Seeds the mark with an exact price already converted (a fill on a symbol never marked). */
    void markExact(double price, BigDecimal exact) {
        markPrice = price;
        exactMark = exact;
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
            snapshot = new PositionSnapshot(symbol, quantityValue, averagePriceValue, markPrice,
                    DecimalDoubles.of(unrealizedPnl()), openedAt);
        }
        return snapshot;
    }
}
