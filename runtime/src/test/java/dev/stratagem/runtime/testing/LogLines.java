package dev.stratagem.runtime.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines one logger wrote while a piece of a test ran. */
public final class LogLines {

    private LogLines() {}

    /**
     * @param logger the logger's class
     * @param body what to run
     * @return the events it logged, in order
     */
    public static List<ILoggingEvent> of(Class<?> logger, Runnable body) {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger log = (Logger) LoggerFactory.getLogger(logger);
        log.addAppender(lines);
        try {
            body.run();
        } finally {
            log.detachAppender(lines);
        }
        return List.copyOf(lines.list);
    }
}
