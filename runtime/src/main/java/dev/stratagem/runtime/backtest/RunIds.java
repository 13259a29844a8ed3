package dev.stratagem.runtime.backtest;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids: a mode prefix, the UTC start time and a random suffix, so they are unique across runs and sort
 * by time. Inside a run, compose ids are {@code <runId>-<sequence>}: deterministic.
 */
public final class RunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private RunIds() {}

    /** @return a new backtest run id */
    public static String backtest() {
        return next("bt");
    }

    /**
     * @param prefix the mode prefix
     * @return a new run id
     */
    public static String next(String prefix) {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + HexFormat.of().formatHex(random);
    }
}
