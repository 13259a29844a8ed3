package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.NONE;
import static dev.stratagem.runtime.risk.RiskFixtures.limits;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static dev.stratagem.runtime.risk.RiskFixtures.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The checks accept most orders in doubles ({@link PricedOrder#clearlyAtMost}); the limits are exact in decimal.
 * Here orders sit at their limit, a few ulps or a hair either side of it, and each check must accept exactly when the
 * decimal arithmetic of the limit's definition says the order fits.
 */
class ChecksAtTheLimitPropertiesTest {

    private static final MathContext DOWN = new MathContext(34, RoundingMode.FLOOR);
    /** How far the limit is moved off the order's exact size: ulps, then relative hairs. */
    private static final double[] NUDGES = {0, 1, -1, 2, -2, 1e-12, -1e-12, 1e-9, -1e-9, 1e-6, -1e-6};

    private static BigDecimal dec(double value) {
        return BigDecimal.valueOf(value);
    }

    private static double decimal(int unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale).doubleValue();
    }

    private static double nudge(double limit, int which) {
        double n = NUDGES[which];
        if (Math.abs(n) >= 1) {
            return n > 0 ? Math.nextUp(n > 1 ? Math.nextUp(limit) : limit)
                    : Math.nextDown(n < -1 ? Math.nextDown(limit) : limit);
        }
        return limit * (1 + n);
    }

    /** A limit must be positive: an order whose exact size is 0 (a reducing one) gets the smallest. */
    private static double positive(double limit) {
        return limit > 0 ? limit : Double.MIN_VALUE;
    }

    private static boolean accepts(RiskCheck check, TradeInstruction order, PortfolioView portfolio, double price) {
        RiskVerdict verdict = check.check(order.withId("c-1"), RiskFixtures.orcl(portfolio, price));
        return verdict instanceof RiskVerdict.Accept;
    }

    private static TradeInstruction order(boolean buy, double qty) {
        return buy ? RiskFixtures.buy("ORCL", qty) : RiskFixtures.sell("ORCL", qty);
    }

    @Property(tries = 2000)
    void max_position_accepts_exactly_what_fits(@ForAll @IntRange(min = 1, max = 2_000_000) int qtyUnscaled,
            @ForAll @IntRange(min = 0, max = 3) int qtyScale,
            @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int held,
            @ForAll boolean buy, @ForAll @IntRange(min = 0, max = 10) int nudge) {
        double qty = decimal(qtyUnscaled, qtyScale);
        double position = decimal(held, qtyScale);
        BigDecimal along = buy ? dec(position) : dec(position).negate();
        double max = positive(nudge(dec(qty).add(along).doubleValue(), nudge));
        Constraints c = limits(max, NONE, NONE, NONE, Integer.MAX_VALUE, true);
        PortfolioView p = position == 0 ? portfolio(1e9, c) : portfolio(1e9, c, position("ORCL", position, 10));
        boolean reducing = dec(qty).compareTo(along.negate()) <= 0;
        boolean fits = reducing || dec(qty).compareTo(dec(max).subtract(along)) <= 0;
        assertThat(accepts(new MaxPositionCheck(), order(buy, qty), p, 10)).isEqualTo(fits);
    }

    @Property(tries = 2000)
    void max_leverage_accepts_exactly_what_fits(@ForAll @IntRange(min = 1, max = 2_000_000) int qtyUnscaled,
            @ForAll @IntRange(min = 0, max = 3) int qtyScale, @ForAll @IntRange(min = -100_000, max = 100_000) int held,
            @ForAll @IntRange(min = 1, max = 10_000_000) int priceUnscaled,
            @ForAll @IntRange(min = 0, max = 4) int priceScale,
            @ForAll @IntRange(min = 1, max = 100_000_000) int cashUnits, @ForAll boolean buy,
            @ForAll @IntRange(min = 0, max = 10) int nudge) {
        double qty = decimal(qtyUnscaled, qtyScale);
        double position = decimal(held, qtyScale);
        double price = decimal(priceUnscaled, priceScale);
        PortfolioView unlimited = portfolio(cashUnits, Constraints.NONE, position("ORCL", position, price));
        double equity = unlimited.equity();
        BigDecimal along = buy ? dec(position) : dec(position).negate();
        double exposureAfter = dec(qty).add(along).multiply(dec(price)).doubleValue();
        double maxLeverage = equity > 0 ? positive(nudge(exposureAfter / equity, nudge)) : 1;
        Constraints c = limits(NONE, NONE, NONE, maxLeverage, Integer.MAX_VALUE, true);
        PortfolioView p = portfolio(cashUnits, c, position("ORCL", position, price));
        boolean reducing = dec(qty).compareTo(along.negate()) <= 0;
        boolean fits;
        if (reducing) {
            fits = true;
        } else if (dec(p.equity()).signum() <= 0) {
            fits = false;
        } else {
            BigDecimal room = dec(maxLeverage).multiply(dec(p.equity())).max(BigDecimal.ZERO);
            fits = dec(qty).compareTo(room.divide(dec(price), DOWN).subtract(along)) <= 0;
        }
        assertThat(accepts(new MaxLeverageCheck(), order(buy, qty), p, price)).isEqualTo(fits);
    }

    @Property(tries = 2000)
    void buying_power_accepts_exactly_what_is_affordable(@ForAll @IntRange(min = 1, max = 2_000_000) int qtyUnscaled,
            @ForAll @IntRange(min = 0, max = 3) int qtyScale, @ForAll @IntRange(min = -100_000, max = 100_000) int held,
            @ForAll @IntRange(min = 1, max = 10_000_000) int priceUnscaled,
            @ForAll @IntRange(min = 0, max = 4) int priceScale,
            @ForAll @IntRange(min = 0, max = 10) int nudge) {
        double qty = decimal(qtyUnscaled, qtyScale);
        double position = decimal(held, qtyScale);
        double price = decimal(priceUnscaled, priceScale);
        BigDecimal covering = dec(position).negate().max(BigDecimal.ZERO);
        BigDecimal increasing = dec(qty).subtract(covering).max(BigDecimal.ZERO);
        double cash = nudge(increasing.multiply(dec(price)).doubleValue(), nudge);
        PortfolioView p = portfolio(cash, Constraints.NONE, position("ORCL", position, price));
        boolean fits = increasing.signum() == 0 || increasing.multiply(dec(price)).compareTo(dec(cash)) <= 0;
        assertThat(accepts(new BuyingPowerCheck(), order(true, qty), p, price)).isEqualTo(fits);
    }

    @Property(tries = 1000)
    void lot_size_accepts_whole_lots_at_or_over_the_minimum(@ForAll @IntRange(min = 1, max = 2_000_000) int qtyUnscaled,
            @ForAll @IntRange(min = 0, max = 3) int qtyScale, @ForAll @IntRange(min = 0, max = 3) int lotScale,
            @ForAll @IntRange(min = 0, max = 10) int nudge) {
        double qty = decimal(qtyUnscaled, qtyScale);
        double lot = decimal(1, lotScale);
        double minimum = positive(nudge(qty, nudge));
        BigDecimal lots = dec(qty).divide(dec(lot), 0, RoundingMode.FLOOR).multiply(dec(lot));
        boolean fits = lots.compareTo(dec(qty)) == 0 && lots.compareTo(dec(minimum)) >= 0;
        RiskVerdict verdict = new LotSizeCheck().check(order(true, qty).withId("c-1"),
                RiskFixtures.single(new Instrument("ORCL", lot, minimum), 10, portfolio(1e9, Constraints.NONE)));
        assertThat(verdict instanceof RiskVerdict.Accept).isEqualTo(fits);
    }

    @Property(tries = 1000)
    void max_order_notional_accepts_exactly_what_fits(@ForAll @IntRange(min = 1, max = 2_000_000) int qtyUnscaled,
            @ForAll @IntRange(min = 0, max = 3) int qtyScale,
            @ForAll @IntRange(min = 1, max = 10_000_000) int priceUnscaled,
            @ForAll @IntRange(min = 0, max = 4) int priceScale,
            @ForAll @IntRange(min = 0, max = 10) int nudge) {
        double qty = decimal(qtyUnscaled, qtyScale);
        double price = decimal(priceUnscaled, priceScale);
        double max = nudge(dec(qty).multiply(dec(price)).doubleValue(), nudge);
        Constraints c = limits(NONE, NONE, max, NONE, Integer.MAX_VALUE, true);
        boolean fits = dec(qty).multiply(dec(price)).compareTo(dec(max)) <= 0;
        assertThat(accepts(new MaxNotionalCheck(), order(true, qty), portfolio(1e9, c), price)).isEqualTo(fits);
    }

    @Property(tries = 50)
    void a_position_that_is_not_a_number_fails_every_check_that_reads_it_closed(@ForAll boolean buy,
            @ForAll @IntRange(min = 0, max = 2) int which) {
        double projected = new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}[which];
        Constraints limited = limits(100, NONE, NONE, 1, Integer.MAX_VALUE, false);
        RiskContext limitedContext = new RiskContext(portfolio(1e9, limited), Map.of("ORCL", Instrument.of("ORCL")),
                Map.of("ORCL", 10.0), Map.of("ORCL", projected), 1e9);
        List<RiskCheck> reading = buy  // buying-power prices buys only
                ? List.of(new MaxPositionCheck(), new MaxLeverageCheck(), new BuyingPowerCheck(), new LotSizeCheck())
                : List.of(new MaxPositionCheck(), new MaxLeverageCheck(), new LotSizeCheck());
        for (RiskCheck check : reading) {
            assertThatThrownBy(() -> check.check(order(buy, 10).withId("c-1"), limitedContext))
                    .as(check.id()).isInstanceOf(NumberFormatException.class);
        }
    }

    @Property(tries = 200)
    void an_order_over_a_limit_is_never_accepted_in_doubles(@ForAll @IntRange(min = 2, max = 1_000) int qty) {
        Constraints c = limits(qty - 1, NONE, NONE, NONE, Integer.MAX_VALUE, true);
        assertThat(accepts(new MaxPositionCheck(), order(true, qty), portfolio(1e9, c), 10)).isFalse();
    }
}
