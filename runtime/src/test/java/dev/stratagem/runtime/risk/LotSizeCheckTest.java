package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.buy;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static dev.stratagem.runtime.risk.RiskFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.RiskVerdict;
import org.junit.jupiter.api.Test;

class LotSizeCheckTest {

    private final LotSizeCheck check = new LotSizeCheck();

    private RiskVerdict verdict(Instrument instrument, double quantity) {
        return check.check(buy(instrument.symbol(), quantity), single(instrument, 100, portfolio(0, Constraints.NONE)));
    }

    @Test
    void accepts_a_whole_number_of_lots() {
        assertThat(check.id()).isEqualTo("lot-size");
        assertThat(verdict(Instrument.of("ORCL"), 10)).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(new Instrument("LOT5", 5, 0), 25)).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void rounds_down_to_the_lot_size_with_the_numbers_in_the_reason() {
        assertThat(verdict(Instrument.of("ORCL"), 10.7)).isEqualTo(RiskVerdict.clamp(10, "rounded 10.7 down to lot size 1: 10"));
        assertThat(verdict(new Instrument("LOT5", 5, 0), 27)).isEqualTo(RiskVerdict.clamp(25, "rounded 27 down to lot size 5: 25"));
    }

    @Test
    void keeps_awkward_decimals_that_are_exact_multiples_of_the_lot() {
        Instrument tenths = new Instrument("T", 0.1, 0);
        assertThat(verdict(tenths, 0.3)).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(tenths, 0.6)).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(tenths, 0.7)).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(new Instrument("M", 0.001, 0), 1.005)).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void rounds_binary_noise_down_to_the_decimal_lot() {
        Instrument tenths = new Instrument("T", 0.1, 0);
        assertThat(verdict(tenths, 0.1 + 0.2))
                .isEqualTo(RiskVerdict.clamp(0.3, "rounded 0.30000000000000004 down to lot size 0.1: 0.3"));
    }

    @Test
    void rounds_to_a_lot_of_a_thousandth() {
        Instrument btc = new Instrument("BTCUSDT", 0.001, 0);
        assertThat(verdict(btc, 1.2345678))
                .isEqualTo(RiskVerdict.clamp(1.234, "rounded 1.2345678 down to lot size 0.001: 1.234"));
        assertThat(verdict(btc, 0.0109)).isEqualTo(RiskVerdict.clamp(0.01, "rounded 0.0109 down to lot size 0.001: 0.01"));
    }

    @Test
    void rejects_less_than_one_lot() {
        assertThat(verdict(new Instrument("BTCUSDT", 0.001, 0), 0.0005))
                .isEqualTo(RiskVerdict.reject("quantity 0.0005 is less than one lot of 0.001"));
        assertThat(verdict(Instrument.of("ORCL"), 0.9)).isEqualTo(RiskVerdict.reject("quantity 0.9 is less than one lot of 1"));
    }

    @Test
    void rejects_a_size_below_the_minimum_quantity() {
        Instrument min10 = new Instrument("ORCL", 1, 10);
        assertThat(verdict(min10, 5)).isEqualTo(RiskVerdict.reject("quantity 5, below the minimum quantity 10"));
        assertThat(verdict(min10, 10.5))
                .isEqualTo(RiskVerdict.clamp(10, "rounded 10.5 down to lot size 1: 10"));
        assertThat(verdict(min10, 9.5))
                .isEqualTo(RiskVerdict.reject("rounded 9.5 down to lot size 1: 9, below the minimum quantity 10"));
    }

    @Test
    void lots_floor_is_exact_in_decimal() {
        Instrument tenths = new Instrument("T", 0.1, 0);
        assertThat(Lots.floor(0.3, tenths)).isEqualTo(0.3);
        assertThat(Lots.floor(0.69, tenths)).isEqualTo(0.6);
        assertThat(Lots.floor(2.675, new Instrument("C", 0.01, 0))).isEqualTo(2.67);
        assertThat(Lots.floor(7, Instrument.of("X"))).isEqualTo(7);
        assertThat(Lots.floor(7.999999, Instrument.of("X"))).isEqualTo(7);
    }
}
