package dev.stratagem.runtime.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.Candle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file's bars as columns: the same list of candles, immutable, cheap to window. */
class CandleColumnsTest {

    private static CandleColumns three() {
        return new CandleColumns.Builder("ORCL")
                .add(10, 1.0, 2.0, 0.5, 1.5, 100)
                .add(20, 1.5, 2.5, 1.0, 2.0, 0)
                .add(30, 2.0, 3.0, 1.5, 2.5, 300)
                .build();
    }

    @Test
    void reads_as_the_list_of_candles_it_was_built_from() {
        CandleColumns columns = three();
        List<Candle> expected = List.of(new Candle("ORCL", 10, 1.0, 2.0, 0.5, 1.5, 100),
                new Candle("ORCL", 20, 1.5, 2.5, 1.0, 2.0, 0), new Candle("ORCL", 30, 2.0, 3.0, 1.5, 2.5, 300));

        assertThat(columns).isEqualTo(expected).hasSize(3);
        assertThat(columns.ts(2)).isEqualTo(30);
        assertThat(columns.symbol()).isEqualTo("ORCL");
        assertThatThrownBy(() -> columns.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> columns.add(expected.getFirst())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void between_keeps_the_bars_in_the_time_range_without_copying() {
        CandleColumns columns = three();

        assertThat(columns.between(15, 30)).extracting(Candle::ts).containsExactly(20L);
        assertThat(columns.between(10, 31)).hasSize(3);
        assertThat(columns.between(31, 40)).isEmpty();
        assertThat(columns.between(20, Long.MAX_VALUE).between(Long.MIN_VALUE, 30)).extracting(Candle::ts)
                .containsExactly(20L);
        assertThat(columns.between(20, 30).ts(0)).isEqualTo(20);
    }

    @Test
    void refuses_what_a_candle_refuses_and_time_going_backwards() {
        CandleColumns.Builder builder = new CandleColumns.Builder("ORCL").add(10, 1, 1, 1, 1, 0);

        assertThatThrownBy(() -> builder.add(20, 1, 0.5, 1, 1, 0)).hasMessageContaining("below low");
        assertThatThrownBy(() -> builder.add(10, 1, 1, 1, 1, 0)).hasMessageContaining("does not follow");
        assertThatThrownBy(() -> builder.add(30, Double.NaN, 1, 1, 1, 0)).hasMessageContaining("open");
    }

    @Test
    void a_series_keeps_columns_as_they_are_and_copies_any_other_list() {
        CandleColumns columns = three();
        CandleSeries series = new CandleSeries("ORCL", Path.of("orcl.csv"), columns, 0, List.of(), List.of());

        assertThat(series.candles()).isSameAs(columns);
        assertThat(new CandleSeries("ORCL", Path.of("orcl.csv"), new java.util.ArrayList<>(columns), 0, List.of(),
                List.of()).candles()).isNotInstanceOf(CandleColumns.class).isEqualTo(columns);
    }
}
