package dev.stratagem.runtime.marketdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

/** Maps header names to roles; see {@link CsvFormat#detect}. */
final class CsvFormatDetector {

    private static final List<String> YAHOO = List.of("date", "open", "high", "low", "close", "adj close", "volume");

    private CsvFormatDetector() {}

    static CsvFormat detect(Path file) {
        CsvPreamble preamble;
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            preamble = CsvPreamble.read(in, file);
        } catch (IOException e) {
            throw MarketDataException.unreadable(file, 0, e);
        }
        List<String> names = preamble.columns().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        if (names.equals(YAHOO)) {
            return CsvFormat.yahoo();
        }
        var roles = new EnumMap<CsvFormat.Role, String>(CsvFormat.Role.class);
        find(names, preamble, CsvFormat.Role.DATE, roles, "date", "datetime", "timestamp");
        find(names, preamble, CsvFormat.Role.TIME, roles, "time");
        if (!roles.containsKey(CsvFormat.Role.DATE) && roles.containsKey(CsvFormat.Role.TIME)) {
            roles.put(CsvFormat.Role.DATE, roles.remove(CsvFormat.Role.TIME));
        }
        find(names, preamble, CsvFormat.Role.OPEN, roles, "open");
        find(names, preamble, CsvFormat.Role.HIGH, roles, "high");
        find(names, preamble, CsvFormat.Role.LOW, roles, "low");
        find(names, preamble, CsvFormat.Role.CLOSE, roles, "close", "last");
        find(names, preamble, CsvFormat.Role.VOLUME, roles, "volume", "vol");
        for (CsvFormat.Role role : List.of(CsvFormat.Role.DATE, CsvFormat.Role.OPEN, CsvFormat.Role.HIGH,
                CsvFormat.Role.LOW, CsvFormat.Role.CLOSE)) {
            if (!roles.containsKey(role)) {
                throw new MarketDataException(file, preamble.headerLine(), null, "cannot detect the format: no "
                        + role.key() + " column in the header [" + String.join(", ", preamble.columns())
                        + "]; pass a column mapping such as date=0,open=1,high=2,low=3,close=4,volume=5");
            }
        }
        return new CsvFormat("detected", roles, ZoneOffset.UTC);
    }

    private static void find(List<String> names, CsvPreamble preamble, CsvFormat.Role role,
            EnumMap<CsvFormat.Role, String> roles, String... candidates) {
        for (String candidate : candidates) {
            int i = names.indexOf(candidate);
            if (i >= 0) {
                roles.put(role, preamble.columns().get(i));
                return;
            }
        }
    }
}
