package dev.stratagem.runtime.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.stratagem.runtime.cycle.CycleLogScope;
import org.slf4j.Marker;

/**
 * Puts the running cycle's compose id in the MDC just before a log line that will be written (see
 * {@link CycleLogScope}); decides nothing itself. Configured in logback.xml.
 */
public final class ComposeIdLogFilter extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (level != null && level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            CycleLogScope.beforeLog();
        }
        return FilterReply.NEUTRAL;
    }
}
