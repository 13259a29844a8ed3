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
}
