package dev.stratagem.runtime.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Switches the stderr log format to the resolved {@code ops.log.format} once the settings are known.
 * logback.xml picks {@code text} or {@code json} at process start from {@code STRATAGEM_OPS_LOG_FORMAT}; a
 * settings file or {@code --set} can only be read later, so this swaps the root logger's console appender
 * for one of the other format: the new appender is attached before the old one is detached, no line is lost.
 */
public final class LogFormat {

    /** Must match logback.xml's pattern. */
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} %X{strategy} %X{composeId} - %msg%n";

    private static final List<String> FORMATS = List.of("text", "json");

    private LogFormat() {}

    /**
     * @param format {@code text} or {@code json}
     * @return whether the format changed (false when it already was, or logback is not the SLF4J backend, or
     *     its configuration is not Stratagem's logback.xml)
     */
    public static synchronized boolean apply(String format) {
        String wanted = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(wanted)) {
            throw new IllegalArgumentException("ops.log.format must be one of " + FORMATS + ", was '" + format + "'");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return false;
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(wanted) != null || FORMATS.stream().noneMatch(f -> root.getAppender(f) != null)) {
            return false; // already so, or another logging configuration (not our logback.xml) is in charge
        }
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(ctx);
        appender.setName(wanted);
        appender.setTarget("System.err");
        appender.setEncoder(wanted.equals("json") ? json(ctx) : text(ctx));
        appender.start();
        root.addAppender(appender);
        for (String other : FORMATS) {
            if (!other.equals(wanted) && root.getAppender(other) != null) {
                var old = root.getAppender(other);
                root.detachAppender(old);
                old.stop();
            }
        }
        return true;
    }

    private static Encoder<ILoggingEvent> json(LoggerContext ctx) {
        JsonEncoder e = new JsonEncoder();
        e.setContext(ctx);
        e.setWithSequenceNumber(false);
        e.setWithNanoseconds(false);
        e.setWithContext(false);
        e.start();
        return e;
    }

    private static Encoder<ILoggingEvent> text(LoggerContext ctx) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(TEXT_PATTERN);
        e.start();
        return e;
    }
}
