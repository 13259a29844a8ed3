package dev.stratagem.runtime.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Property(tries = 2000)
    void dec_of_an_integral_double_equals_BigDecimal_valueOf_scale_included(
            @ForAll @IntRange(min = -20_000_000, max = 20_000_000) int n) {
        assertThat(Decimals.dec(n)).isEqualTo(BigDecimal.valueOf((double) n));
    }

    @Property(tries = 2000)
    void dec_of_any_double_equals_BigDecimal_valueOf_scale_included(@ForAll double value) {
        if (Double.isFinite(value)) {
            assertThat(Decimals.dec(value)).isEqualTo(BigDecimal.valueOf(value));
        }
    }

    @Test
    void dec_keeps_the_scale_of_the_shortest_form_at_the_edges() {
        for (double v : new double[] {0.0, -0.0, 1, -1, 9_999_999, -9_999_999, 1e7, -1e7, 1e15, 0.5, 1e-9}) {
            BigDecimal d = Decimals.dec(v);
            assertThat(d).as("%s", v).isEqualTo(BigDecimal.valueOf(v));
            assertThat(d.scale()).as("%s", v).isEqualTo(BigDecimal.valueOf(v).scale());
        }
    }

    @Test
    void a_number_in_a_reason_is_plain_up_to_fifteen_integer_digits_then_in_exponent_form() {
        assertThat(Decimals.plain(100)).isEqualTo("100");
        assertThat(Decimals.plain(0.3)).isEqualTo("0.3");
        assertThat(Decimals.plain(999_999_999_999_999d)).isEqualTo("999999999999999");
        assertThat(Decimals.plain(1e308)).isEqualTo("1E+308");
        assertThat(Decimals.plain(-1.5e20)).isEqualTo("-1.5E+20");
        assertThat(Decimals.plain(Double.NaN)).isEqualTo("NaN");
    }
}
