package dev.stratagem.runtime.script;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Holds every {@code api.log("stall")} of one script in the runtime log until closed: a host call that ignores the
 * interrupt, so its script call cannot be stopped and is abandoned past the grace, as one stuck in a long builtin
 * ({@code 3 ** (10 ** 8)}) is, but without a core kept busy for a minute, and for as long as the test wants (a cold
 * call's 10 s budget, an {@code init}'s 5 s).
 */
final class ScriptStall extends UnsynchronizedAppenderBase<ILoggingEvent> implements AutoCloseable {

    /** What a script logs to get stuck. */
    static final String LINE = "stall";

    private final Logger logger;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();

    /** @param scriptId the script whose log lines are watched (its manifest id) */
    ScriptStall(String scriptId) {
        logger = (Logger) LoggerFactory.getLogger("script." + scriptId);
        start();
        logger.addAppender(this);
    }

    /** @return how many calls got stuck so far */
    int held() {
        return held.get();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!LINE.equals(event.getFormattedMessage())) {
            return;
        }
        held.incrementAndGet();
        boolean interrupted = false;
        while (released.getCount() > 0) {
            try {
                released.await();
            } catch (InterruptedException e) {
                interrupted = true;   // what the watchdog's interrupt amounts to here: nothing
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the stuck calls return (their threads then park for good) and stops watching. */
    @Override
    public void close() {
        released.countDown();
        logger.detachAppender(this);
        stop();
    }
}
