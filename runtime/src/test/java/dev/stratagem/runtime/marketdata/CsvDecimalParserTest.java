package dev.stratagem.runtime.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CsvDecimalParserTest {

    @Property(tries = 5000)
    void gives_the_same_bits_as_Double_parseDouble(@ForAll @LongRange(min = 0, max = 999_999_999_999_999L) long digits,
            @ForAll @IntRange(min = 0, max = 15) int scale, @ForAll boolean negative) {
        String text = String.valueOf(digits);
        if (scale > 0) {
            String padded = "0".repeat(Math.max(0, scale - text.length() + 1)) + text;
            text = padded.substring(0, padded.length() - scale) + "." + padded.substring(padded.length() - scale);
        }
        if (negative) {
            text = "-" + text;
        }
        String framed = "x," + text + ",y";

        double parsed = CsvDecimalParser.parse(framed, 2, 2 + text.length());

        assertThat(Double.doubleToRawLongBits(parsed)).as(text)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }

    @Test
    void agrees_with_Double_parseDouble_on_the_shapes_market_data_has() {
        for (String text : new String[] {"0", "-0", "0.1", "0.2", "0.3", "3602.00", "45.549999", "13269200", "5.",
                ".5", "999999999999999", "9999999999999999", "123456.789012345", "1e-3", "+1.5", "2.2250738585072014E-308",
                "0.000000000000000001", "1.0000000000000002", "0.07", "1.175494351e-38"}) {
            assertThat(Double.doubleToRawLongBits(CsvDecimalParser.parse(text, 0, text.length()))).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }

    @Test
    void rejects_what_Double_parseDouble_rejects() {
        for (String text : new String[] {"", "-", ".", "1.2.3", "1,5", "abc"}) {
            assertThatThrownBy(() -> CsvDecimalParser.parse(text, 0, text.length())).as(text)
                    .isInstanceOf(NumberFormatException.class);
        }
    }
}
