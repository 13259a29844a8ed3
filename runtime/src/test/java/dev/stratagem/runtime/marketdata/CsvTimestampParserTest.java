package dev.stratagem.runtime.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CsvTimestampParserTest {

    private final CsvTimestampParser utc = new CsvTimestampParser(ZoneOffset.UTC);

    @Property
    void a_date_time_agrees_with_java_time(@ForAll @LongRange(min = -700_000, max = 2_900_000) long epochDay,
            @ForAll @IntRange(min = 0, max = 86_399_999) int millisOfDay) {
        var ldt = LocalDateTime.of(LocalDate.ofEpochDay(epochDay), LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L));
        String text = ldt.toLocalDate() + " " + ldt.toLocalTime().toString();
        long expected = ldt.toInstant(ZoneOffset.UTC).toEpochMilli();

        assertThat(utc.dateOrDateTime(text, 0, text.length())).as(text).isEqualTo(expected);
    }

    @Test
    void every_four_digit_date_has_the_epoch_day_of_java_time() {
        for (LocalDate d = LocalDate.of(0, 1, 1); d.getYear() <= 9999; d = d.plusDays(1)) {
            if (CsvTimestampParser.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()) != d.toEpochDay()) {
                assertThat(CsvTimestampParser.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                        .as(d.toString()).isEqualTo(d.toEpochDay());
            }
        }
    }

    @Property
    void local_times_follow_the_zone_rules(@ForAll @LongRange(min = 0, max = 30_000) long epochDay,
            @ForAll @IntRange(min = 0, max = 1439) int minuteOfDay) {
        ZoneId ny = ZoneId.of("America/New_York");
        var ldt = LocalDateTime.of(LocalDate.ofEpochDay(epochDay), LocalTime.ofSecondOfDay(minuteOfDay * 60L));

        long ms = new CsvTimestampParser(ny).local(epochDay, minuteOfDay * 60_000);

        assertThat(ms).isEqualTo(ldt.atZone(ny).toInstant().toEpochMilli());
    }

    @Test
    void reads_dates_times_and_offsets() {
        assertThat(ms("2006-01-02")).isEqualTo(Instant.parse("2006-01-02T00:00:00Z").toEpochMilli());
        assertThat(ms("2006-01-02 09:01")).isEqualTo(Instant.parse("2006-01-02T09:01:00Z").toEpochMilli());
        assertThat(ms("2006-01-02T09:01:02.5")).isEqualTo(Instant.parse("2006-01-02T09:01:02.500Z").toEpochMilli());
        assertThat(ms("2006-01-02T09:01:02Z")).isEqualTo(Instant.parse("2006-01-02T09:01:02Z").toEpochMilli());
        assertThat(ms("2006-01-02T09:01:02-05:00")).isEqualTo(Instant.parse("2006-01-02T14:01:02Z").toEpochMilli());
        assertThat(ms("2006-01-02T09:01+0130")).isEqualTo(Instant.parse("2006-01-02T07:31:00Z").toEpochMilli());
        assertThat(ms("2024-02-29")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli());
    }

    @Test
    void a_daily_date_is_utc_midnight_in_any_zone() {
        var tokyo = new CsvTimestampParser(ZoneId.of("Asia/Tokyo"));

        assertThat(tokyo.dateOrDateTime("2006-01-02", 0, 10)).isEqualTo(Instant.parse("2006-01-02T00:00:00Z").toEpochMilli());
        assertThat(tokyo.dateOrDateTime("2006-01-02 09:00", 0, 16)).isEqualTo(Instant.parse("2006-01-02T00:00:00Z").toEpochMilli());
    }

    @Test
    void rejects_what_is_not_a_timestamp() {
        for (String bad : new String[] {"", "2006-1-02", "2006/01/02", "2023-02-29", "2006-00-10", "2006-01-32",
                "20060102", "2006-01-02 9:01", "2006-01-02 09:60", "2006-01-02 24:00", "2006-01-02 09:01:",
                "2006-01-02 09:01:00.", "2006-01-02X09:01", "2006-01-02T09:01Q", "2006-01-02T09:01+5",
                "2006-01-02T09:01ZZ", "abcd-ef-gh"}) {
            assertThat(ms(bad)).as(bad).isEqualTo(CsvTimestampParser.INVALID);
        }
        assertThat(CsvTimestampParser.millisOfDay("09:5x", 0, 5)).isEqualTo(-1);
    }

    private long ms(String text) {
        return utc.dateOrDateTime(text, 0, text.length());
    }
}
